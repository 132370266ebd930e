import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | undefined;

/**
 * A full garbage collection of this thread's heap, now. The build's end calls it before it
 * starts its child processes (rasterizers, Pagefind): V8 collects the chart phase's garbage, a
 * few hundred megabytes at N = 500, only when it next needs room, so it would otherwise stay
 * resident beside those children at the build's peak of memory. Node exposes `gc` only to a
 * context made after `--expose-gc` is set, hence the new context (as Jest does for its leak
 * detection); the function is made once.
 */
export function collectGarbage(): void {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}
