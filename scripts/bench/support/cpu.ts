// CPU time of the workerd process the bench started (its child that is workerd), read from /proc:
// a figure that moves far less with the machine's other load than a rate does.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ on Linux: /proc counts CPU time in hundredths of a second. */
const MS_PER_TICK = 10;

function workerdPids(): string[] {
  return execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' })
    .split(/\s+/)
    .filter((pid) => pid && readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('workerd'));
}

/** utime + stime of the fields after the command name in a /proc stat line, in ms. */
function cpuOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** utime + stime of workerd, in ms. */
export function workerdCpuMs(): number {
  return workerdPids().reduce((sum, pid) => sum + cpuOf(readFileSync(`/proc/${pid}/stat`, 'utf8')), 0);
}

/** CPU ms per workerd thread (utime + stime), keyed by thread id and name. */
export function workerdThreadsMs(): Map<string, number> {
  const threads = new Map<string, number>();
  for (const pid of workerdPids()) {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      threads.set(`${tid} ${name}`, cpuOf(stat));
    }
  }
  return threads;
}
