/** One external command, as an argv array: never a shell string, so nothing is re-parsed. */
export type Command = readonly string[];

const SAFE = /^[\w@%+=:,./-]+$/;

/** The command as a person would type it: for dry runs, progress lines and error messages. */
export function formatCommand(command: Command): string {
  return command.map((arg) => (SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
