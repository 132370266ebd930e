import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.ts';

interface TaskLike {
  result?: { state: string };
  tasks?: readonly TaskLike[];
}

const failed = (task: TaskLike): boolean => task.result?.state === 'fail' || (task.tasks ?? []).some(failed);

// A setup file's afterAll belongs to each test file and runs after the file's own afterAll hooks
// (hooks run as a stack), so servers and builds using a folder have stopped before it goes.
// Vitest reads a hook's first parameter as fixtures to set up, and accepts only a pattern there.
afterAll(({}, file) => {
  const kept = removeTempDirs(failed(file));
  if (kept.length) console.warn(`Temp folders kept for a look:\n${kept.join('\n')}`);
});
