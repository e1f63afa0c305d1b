package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHooks runs the real pre-commit framework, with this
// repository's .pre-commit-hooks.yaml, on a temporary content repository:
// the per-draft hook must block a whitespace-only draft and pass a good one,
// and the whole-repository hook must run on every draft.
func TestPreCommitHooks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds xlint through pre-commit; skipped with -short")
	}
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (.ci/run installs it): %v", tool, err)
		}
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		t.Skipf("the hooks are tried from a git checkout; %s is not one", root)
	}
	content := t.TempDir()
	home := t.TempDir()
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir = content
		cmd.Env = append(os.Environ(),
			"PRE_COMMIT_HOME="+filepath.Join(home, "pre-commit"),
			"GIT_AUTHOR_NAME=xlint test", "GIT_AUTHOR_EMAIL=test@example.com",
			"GIT_COMMITTER_NAME=xlint test", "GIT_COMMITTER_EMAIL=test@example.com",
			"NO_COLOR=1",
		)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(content, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := run("git", "init", "-q"); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	write("good.md", "---\naccount: acme\n---\nA post X will accept\n")
	write("blank.md", "---\naccount: acme\n---\n   \n\t\n")
	write(".xlint.yaml", "account: acme\n")
	// xlint's own files, which a team commits, are not drafts.
	if err := os.Mkdir(filepath.Join(content, ".xlint"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(".xlint/history.jsonl", `{"v":1,"at":"2026-01-01T00:00:00Z","account":"acme","text":"A post X will accept","exact":"0","norm":"0"}`+"\n")
	write(".xlint/token.json", `{"access_token":"secret"}`+"\n")
	if out, err := run("git", "add", "."); err != nil {
		t.Fatalf("git add: %v\n%s", err, out)
	}

	out, err := run("pre-commit", "try-repo", root, "xlint-drafts", "--files", "good.md")
	if err != nil {
		t.Fatalf("the good draft was blocked: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Passed") {
		t.Errorf("no Passed line for the good draft:\n%s", out)
	}

	out, err = run("pre-commit", "try-repo", root, "xlint-drafts", "--files", "good.md", ".xlint/history.jsonl", ".xlint/token.json")
	if err != nil {
		t.Fatalf("the hook checked xlint's own files as drafts: %v\n%s", err, out)
	}

	out, err = run("pre-commit", "try-repo", root, "xlint-drafts", "--files", "blank.md", "good.md")
	if err == nil {
		t.Fatalf("the whitespace-only draft passed:\n%s", out)
	}
	if !strings.Contains(out, "blank.md:4:1: error:") || !strings.Contains(out, "[empty-post]") {
		t.Errorf("the hook's output does not name the empty post:\n%s", out)
	}

	out, err = run("pre-commit", "try-repo", root, "xlint-all", "--all-files")
	if err == nil || !strings.Contains(out, "2 posts checked") {
		t.Errorf("the whole-repository hook: err %v\n%s", err, out)
	}
}
