// `npm run casework -- <command>`: the commands are in commands.ts, where the tests run them in
// their own process; this file only connects them to this process's arguments, output and exit code.
import { runCasework } from './commands.ts';

const code = await runCasework(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
// A failed command ends at once, as it always has; a finished one ends when its database is closed.
if (code === 0) process.exitCode = 0;
else process.exit(code);
