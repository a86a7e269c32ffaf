// System errors in words, for one-line messages: `file name too long (ENAMETOOLONG)`, never a bare code or
// Node's `ENOENT: no such file or directory, open 'x'`.

const WORDS = new Map<string, string>([
  ["ENOSPC", "no space left on the device"],
  ["EDQUOT", "disk quota exceeded"],
  ["EROFS", "read-only file system"],
  ["EACCES", "permission denied"],
  ["EPERM", "operation not permitted"],
  ["ENOENT", "no such file or directory"],
  ["ENOTDIR", "a part of the path is not a directory"],
  ["EISDIR", "is a directory"],
  ["EEXIST", "already exists"],
  ["ELOOP", "too many levels of symbolic links"],
  ["ENAMETOOLONG", "file name too long"],
  ["EMFILE", "too many open files"],
  ["EIO", "input/output error"],
  ["EFBIG", "file too large"],
  ["EPIPE", "nobody reads from it (broken pipe)"],
  ["ENXIO", "nobody reads from it"],
  ["EXDEV", "not on the same file system"],
]);

/** A system error in words, with its code: `read-only file system (EROFS)`. */
export function errorWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code) return (e as Error)?.message ?? String(e);
  const words = WORDS.get(code);
  return words ? `${words} (${code})` : code;
}

