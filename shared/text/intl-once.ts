// Intl objects made on first use and kept: constructing one costs far more than using it (a dashboard formats
// thousands of numbers), and the very first one in a page also loads the locale's data, which should not run while
// a module is evaluated (the web app's boot script imports the formatting modules and must start its requests at once).

/** `make()` on the first call, the same object on every later one. */
export function intlOnce<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
