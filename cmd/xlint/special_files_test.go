//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles: every file xlint reads besides drafts (config,
// history, host lists, archives, media) may be named by a user or a
// config, and a named pipe or a device there must be a quick error naming
// it, not a wait for a writer or an endless read.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(dir, "post.md")
	if err := os.WriteFile(draft, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, special := range []string{fifo, "/dev/zero"} {
		for _, args := range [][]string{
			{"check", "--config", special, "--no-history", draft},
			{"check", "--no-config", "--history", special, draft},
			{"check", "--no-config", "--no-history", "--shorteners", special, draft},
			{"check", "--no-config", "--no-history", "--blocklist", special, draft},
			{"history", "add", "--no-config", "--history", special, draft},
			{"history", "stats", "--no-config", "--history", special},
			{"history", "prune", "--no-config", "--history", special, "--keep", "1h"},
			{"history", "import", "--no-config", "--history", filepath.Join(dir, "h.jsonl"), special},
			{"probe", special},
		} {
			var stdout, stderr bytes.Buffer
			done := make(chan int, 1)
			go func() { done <- run(args, strings.NewReader(""), &stdout, &stderr) }()
			select {
			case code := <-done:
				if code != exitError || !strings.Contains(stderr.String()+stdout.String(), special) ||
					!strings.Contains(stderr.String()+stdout.String(), "not a regular file") {
					t.Errorf("xlint %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, stdout.String(), stderr.String())
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("xlint %s: still running after 20 s", strings.Join(args, " "))
			}
		}
	}
}

// TestPruneThroughSymlink: a history that is a symbolic link stays one,
// and the file it points to is pruned.
func TestPruneThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "shared", "history.jsonl")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	old := `{"v":1,"at":"2020-01-01T00:00:00Z","account":"acme","exact":"a430d84680aabd0b","norm":"a430d84680aabd0b"}` + "\n"
	recent := `{"v":1,"at":"` + time.Now().UTC().Format(time.RFC3339) + `","account":"acme","exact":"a430d84680aabd0b","norm":"a430d84680aabd0b"}` + "\n"
	if err := os.WriteFile(real, []byte(old+recent), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "history.jsonl")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"history", "prune", "--no-config", "--history", link, "--keep", "720h"}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi, err)
	}
	if data, _ := os.ReadFile(real); string(data) != recent {
		t.Errorf("pruned file holds %q, want %q", data, recent)
	}
}
