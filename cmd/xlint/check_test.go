package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unreadStdin fails the test when read: stdin (a terminal, a pipe not yet
// written) must not be waited on before errors that need no draft.
type unreadStdin struct{ t *testing.T }

func (r unreadStdin) Read([]byte) (int, error) {
	r.t.Error("stdin was read before the error was reported")
	return 0, io.EOF
}

func TestErrorsBeforeStdin(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "h"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--history", filepath.Join(dir, "h")}, "not a regular file"},
		{[]string{"--shorteners", filepath.Join(dir, "missing.txt")}, "missing.txt"},
	} {
		var stderr bytes.Buffer
		args := append([]string{"check", "--no-config"}, tc.args...)
		if code := run(args, unreadStdin{t}, io.Discard, &stderr); code != exitError || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr.String(), tc.want)
		}
	}
}
