// The two kinds of failure the CLI reports, and how any error becomes one line for people.
// Exit codes follow the usual convention: 2 for a command line that cannot be run as written,
// 1 for a run that failed, 130 for one stopped by Ctrl-C.
import { NablaError } from '@nabla/tensor';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** The command line is wrong (a bad value, a conflict between options): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command was fine but could not do its job (a missing file, a bad model): exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** The exit code an error stands for. */
export function exitCodeOf(error: unknown): number {
  return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}

/** Node's system errors carry a code (ENOENT, EACCES, …) and usually the path. */
interface SystemError extends Error {
  code: string;
  path?: string;
  syscall?: string;
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as Partial<SystemError>).code === 'string';
}

const SYSTEM_MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EEXIST: 'already exists',
};

/** What a system error means, without its path ("permission denied"); else its message. */
export function systemReason(error: unknown): string {
  if (isSystemError(error) && error.code in SYSTEM_MESSAGES) return SYSTEM_MESSAGES[error.code]!;
  return error instanceof Error ? error.message : String(error);
}

/**
 * One line for people: library errors keep their own message (they name the op and the fix),
 * system errors say what happened to which path, anything else is a bug and says so. Multi-line
 * messages (a list of problems) are joined with "; " so every error is one line.
 */
export function describeError(error: unknown): string {
  let message: string;
  if (error instanceof UsageError || error instanceof CliError || error instanceof NablaError) {
    message = error.message;
  } else if (isSystemError(error) && error.code in SYSTEM_MESSAGES) {
    const what = SYSTEM_MESSAGES[error.code]!;
    message = error.path === undefined ? what : `${error.path}: ${what}`;
  } else if (error instanceof Error) {
    message = `unexpected error: ${error.message} (rerun with --debug for the stack trace)`;
  } else {
    message = `unexpected error: ${String(error)}`;
  }
  return oneLine(message);
}

/** Joins the lines of a message with "; ", dropping blank lines and indentation. */
export function oneLine(message: string): string {
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('; ');
}
