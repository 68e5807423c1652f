// Exit codes of `otklik` besides 0 (done) and 1 (the command failed: its error is printed on stderr).

/** `otklik import`: the file was imported, but some of its records failed (listed by line, summary printed). */
export const EXIT_IMPORT_FAILED_RECORDS = 2;
