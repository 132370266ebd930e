import path from 'node:path';

/** The site's root: where content/ and data/ live. Tests build fixture sites by running in their folder. */
export function projectRoot(): string {
  return process.env.TALLY_ROOT ?? process.cwd();
}

export function dataDir(): string {
  return path.join(projectRoot(), 'data');
}

export function issuesDir(): string {
  return path.join(projectRoot(), 'content', 'issues');
}

/** A path for messages: relative to the project root, with forward slashes. */
export function rel(abs: string): string {
  return path.relative(projectRoot(), abs).split(path.sep).join('/');
}
