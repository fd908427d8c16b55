// Package reliability holds the end-to-end reliability tests: many
// concurrent clients against the real handler, and imports killed midway.
// It has no code of its own.
package reliability
