import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fail } from '../../core/errors.ts';
import { projectRoot } from '../../core/paths.ts';
import type { FontFace } from './font-faces.ts';

/** The weights the chart theme and the social cards use (vega axis titles are 600). */
const WEIGHTS = ['400Regular', '500Medium', '600SemiBold', '700Bold', '800ExtraBold'] as const;

let cached: string[] | undefined;
let faces: FontFace[] | undefined;

/** The Inter files of interFontFiles with the weight of each face. */
export function interFontFaces(): FontFace[] {
  return (faces ??= interFontFiles().map((file, i) => ({ weight: Number.parseInt(WEIGHTS[i]!, 10), file })));
}

/**
 * Absolute paths of the Inter TTF files from @expo-google-fonts/inter, resolved from the site's
 * own node_modules. PNGs are rendered with these fonts only (no system fonts), so a chart or a
 * card looks the same on every machine.
 */
export function interFontFiles(): string[] {
  if (cached) return cached;
  const require = createRequire(path.join(projectRoot(), 'package.json'));
  let dir: string;
  try {
    dir = path.dirname(require.resolve('@expo-google-fonts/inter/package.json'));
  } catch {
    return fail('RasterFonts', { file: 'package.json' }, 'the package @expo-google-fonts/inter is not installed');
  }
  const files = WEIGHTS.map((w) => path.join(dir, w, `Inter_${w}.ttf`));
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) fail('RasterFonts', { file: 'package.json' }, `missing font files: ${missing.join(', ')}`);
  cached = files;
  return files;
}
