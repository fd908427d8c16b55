//go:build race

package api_test

// raceDetector is true when the tests run with -race, which multiplies
// memory and time: TestImportMemory then runs in its own Makefile step.
const raceDetector = true
