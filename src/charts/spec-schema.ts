import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Ajv's options for Vega-Lite's schema. Its optimizing pass over the generated code (which only
 * removes what the code never uses) was 60% of a cold build's compile, several seconds; without
 * it the validator reports the same errors, in the same order.
 */
export const SCHEMA_OPTIONS = { strict: false, allowUnionTypes: true, logger: false, validateFormats: false, code: { optimize: false } } as const;

const require = createRequire(import.meta.url);

/** Vega-Lite's JSON schema, as installed. */
export const vegaLiteSchema = (): object => require('vega-lite/vega-lite-schema.json') as object;

/** Compiles the schema here, in this thread: over a second of CPU. */
export function compileSpecValidator(): ValidateFunction {
  return new Ajv(SCHEMA_OPTIONS).compile(vegaLiteSchema());
}

/**
 * The same validator as module text (Ajv's standalone code, CommonJS), to be made a function in
 * another thread by validatorFromSource: the code Ajv generates, so the same errors in the
 * same order.
 */
export async function specValidatorSource(): Promise<string> {
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  const ajv = new Ajv({ ...SCHEMA_OPTIONS, code: { ...SCHEMA_OPTIONS.code, source: true } });
  return standaloneCode(ajv, ajv.compile(vegaLiteSchema()));
}

/** The validator of specValidatorSource's text; its `require` is Ajv's runtime helpers. */
export function validatorFromSource(source: string): ValidateFunction {
  const module = { exports: {} as { default?: ValidateFunction } & ValidateFunction };
  new Function('require', 'module', 'exports', source)(require, module, module.exports);
  return module.exports.default ?? module.exports;
}
