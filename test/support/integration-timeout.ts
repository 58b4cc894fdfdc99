// Integration tests and their hooks create and migrate whole databases (one
// test builds two installations), which takes longer than jest's 5 s default
// on a loaded 2-core machine. jest-circus ignores a project-level
// `testTimeout` (it reads only the global one), so the project sets it here.
jest.setTimeout(30_000);
