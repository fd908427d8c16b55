package cli

import (
	"fmt"
	"os"
)

// stdoutName is the -o value that means standard output.
const stdoutName = "-"

// writeOutput writes data to the file named by path, or to standard output
// when path is "-". It reports whether the data went to a file, so the
// command prints its "Wrote …" line only then and never mixes it into the
// data on standard output.
func writeOutput(env Env, path string, data []byte) (toFile bool, err error) {
	if path == stdoutName {
		if _, err := env.Stdout.Write(data); err != nil {
			return false, fmt.Errorf("write to standard output: %w", err)
		}
		return false, nil
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	return true, nil
}
