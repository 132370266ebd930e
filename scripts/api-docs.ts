/**
 * `npm run docs:api`: writes docs/api/README.md, the reference of what a figures module can
 * import from `#tally` (src/api.ts), from the source itself: each export's declaration as
 * written, its doc comment and its @example. `-- --out <dir>` writes elsewhere (the test
 * regenerates into a temporary folder and compares).
 *
 * TypeDoc is not used: no release of it runs on TypeScript 7, which has no JavaScript compiler
 * API. TypeScript 7's own API (typescript/unstable/sync, the checker run by tsgo) resolves each
 * export to its declaration instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { API, SymbolFlags, type Checker, type Symbol } from 'typescript/unstable/sync';
import { SyntaxKind, type Node, type SourceFile } from 'typescript/unstable/ast';

const root = path.resolve(import.meta.dirname, '..');
const ENTRY = 'src/api.ts';

interface Entry {
  name: string;
  kind: string;
  file: string;
  declaration: string;
  doc: string;
  tags: { name: string; text: string }[];
}

function collect(): Entry[] {
  const api = new API({ cwd: root });
  try {
    const snapshot = api.updateSnapshot({ openProjects: [path.join(root, 'tsconfig.json')] });
    const project = snapshot.getProjects()[0];
    if (!project) throw new Error('tsconfig.json gave no project');
    const { checker, program } = project;
    const entry = program.getSourceFile(path.join(root, ENTRY));
    const module = entry && checker.getSymbolAtLocation(entry);
    if (!entry || !module) throw new Error(`${ENTRY} is not part of the project`);
    return checker.getExportsOfModule(module).map((exported) => {
      const symbol = exported.flags & SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const node = symbol.declarations[0]?.resolve(project);
      if (!node) throw new Error(`${exported.name}: no declaration found`);
      const sf = node.getSourceFile();
      return {
        name: exported.name,
        kind: kindOf(node),
        file: path.relative(root, sf.fileName),
        declaration: declarationText(node, sf),
        ...docOf(symbol, checker),
      };
    });
  } finally {
    api.close();
  }
}

function docOf(symbol: Symbol, checker: Checker): Pick<Entry, 'doc' | 'tags'> {
  return {
    doc: checker.getDocumentationCommentOfSymbol(symbol).trim(),
    tags: checker.getJsDocTagsOfSymbol(symbol).map((t) => ({ name: t.name, text: (t.text ?? '').trim() })),
  };
}

function kindOf(node: Node): string {
  switch (node.kind) {
    case SyntaxKind.FunctionDeclaration:
      return 'function';
    case SyntaxKind.ClassDeclaration:
      return 'class';
    case SyntaxKind.InterfaceDeclaration:
      return 'interface';
    case SyntaxKind.TypeAliasDeclaration:
      return 'type';
    default:
      return 'value';
  }
}

/** The declaration as written, without its doc comment, its body (functions) or private members (classes). */
function declarationText(node: Node, sf: SourceFile): string {
  const text = (from: number, to: number) => sf.text.slice(from, to).trim();
  const start = node.getStart(sf);
  const body = (n: Node) => (n as Node & { body?: Node }).body;
  if (node.kind === SyntaxKind.FunctionDeclaration) return strip(text(start, body(node)?.pos ?? node.end));
  if (node.kind !== SyntaxKind.ClassDeclaration) return strip(text(start, node.end));
  const members = (node as Node & { members: readonly Node[] }).members.filter((m) => !isPrivate(m, sf));
  const header = text(start, sf.text.indexOf('{', (node as Node & { name: Node }).name.end) + 1);
  // From the start of each member's first line, so that a doc comment keeps its indentation.
  const lines = members.map((m) => {
    const b = body(m);
    const from = sf.text.lastIndexOf('\n', m.getStart(sf, true)) + 1;
    return `${sf.text.slice(from, b ? b.pos : m.end).trimEnd().replace(/;$/, '')};`;
  });
  // A class whose members are all internal reads as an opaque handle: `class TableRef {}`.
  return strip(lines.length ? [header, ...lines, '}'].join('\n') : `${header}}`);
}

/** Private, protected or `#` members, and those whose doc comment says `@internal` (Tally's own plumbing, not for authors). */
function isPrivate(member: Node, sf: SourceFile): boolean {
  const doc = sf.text.slice(member.getFullStart(), member.getStart(sf));
  return /^(private|protected)\b|^#/.test(sf.text.slice(member.getStart(sf), member.end)) || /@internal\b/.test(doc);
}

function strip(declaration: string): string {
  return declaration.replace(/^export (default )?/, '').replace(/^declare /, '');
}

function render(entries: Entry[]): string {
  const out = [
    '# `#tally`: the figures API',
    '',
    'What a figures module (`content/issues/<slug>/figures.ts`) can import from `#tally`.',
    'Generated from [src/api.ts](../../src/api.ts) and the modules it exports from by `npm run docs:api`;',
    'do not edit by hand. How figures, formats and datasets fit together: [the README](../../README.md#2-figures-figurests).',
    '',
  ];
  const files = [...new Set(entries.map((e) => e.file))];
  const anchors = anchorsOf(files, entries);
  out.push('| export | kind | what it is |', '| --- | --- | --- |');
  for (const e of entries) out.push(`| [\`${e.name}\`](#${anchors.get(e)}) | ${e.kind} | ${summary(e.doc)} |`);
  for (const file of files) {
    out.push('', `## ${file}`, '');
    for (const e of entries.filter((x) => x.file === file)) {
      out.push(`### ${e.name}`, '', '```ts', e.declaration, '```', '');
      if (e.doc) out.push(e.doc, '');
      for (const tag of e.tags) {
        if (tag.name === 'example') out.push('Example:', '', tag.text.includes('```') ? tag.text : `\`\`\`ts\n${tag.text}\n\`\`\``, '');
        else out.push(`**@${tag.name}** ${tag.text}`, '');
      }
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** The first sentence of a doc comment (a full stop before a capital, not "e.g."), for the index. */
function summary(doc: string): string {
  const first = doc.split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?\.)(?=\s+[A-Z`]|$)/.exec(first)?.[1] ?? first;
  return sentence.replace(/\|/g, '\\|') || '—';
}

/** GitHub's anchor of each entry's heading, in document order: lowercased, punctuation dropped, "-1", "-2"… on repeats. */
function anchorsOf(files: string[], entries: Entry[]): Map<Entry, string> {
  const seen = new Map<string, number>();
  const slug = (heading: string) => {
    const base = heading.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  };
  const anchors = new Map<Entry, string>();
  for (const file of files) {
    slug(file);
    for (const e of entries.filter((x) => x.file === file)) anchors.set(e, slug(e.name));
  }
  return anchors;
}

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 && args[outAt + 1] ? path.resolve(args[outAt + 1]!) : path.join(root, 'docs/api');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'README.md'), render(collect()));
console.log(`Wrote ${path.relative(process.cwd(), path.join(outDir, 'README.md')) || 'README.md'}`);
