/** A Vega-Lite logger that says nothing: for compiles whose problems the static drawing already reported. */
export const quietLogger = { level: () => quietLogger, error: () => quietLogger, warn: () => quietLogger, info: () => quietLogger, debug: () => quietLogger };
