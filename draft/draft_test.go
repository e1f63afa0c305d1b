package draft

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name string
		data string
		want wantPost
	}{
		{"one trailing newline dropped", "hello\n", wantPost{text: "hello", line: 1}},
		{"only one newline dropped", "hello\n\n", wantPost{text: "hello\n", line: 1}},
		{"CRLF dropped", "hello\r\n", wantPost{text: "hello", line: 1}},
		{"no newline", "  hello  ", wantPost{text: "  hello  ", line: 1, pos: []wantPos{{"hello", 1, 3}}}},
		{"empty", "", wantPost{text: "", line: 1}},
		{"CRLF becomes LF", "a 😀\r\nb\r\n", wantPost{text: "a 😀\nb", line: 1, pos: []wantPos{{"\n", 1, 4}, {"b", 2, 1}}}},
		{"emoji, ZWJ, CJK, combining", "👩‍👩‍👧 x 日本 y e\u0301z", wantPost{text: "👩‍👩‍👧 x 日本 y e\u0301z", line: 1,
			pos: []wantPos{{"x", 1, 7}, {"y", 1, 12}, {"z", 1, 16}}}},
		{"BOM", "\uFEFFhi there\n", wantPost{text: "hi there", line: 1, pos: []wantPos{{"hi", 1, 1}, {"there", 1, 4}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, err := Parse("post.txt", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			checkPosts(t, "post.txt", []byte(tt.data), posts, []wantPost{tt.want})

			posts, err = ParseStdin([]byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			checkPosts(t, "-", []byte(tt.data), posts, []wantPost{tt.want})
		})
	}
}

func TestParseTextErrors(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		want       wantErr
	}{
		{"invalid UTF-8", "ok\nok\n\xe2\x82 bad", wantErr{3, "invalid UTF-8"}},
		{"NUL byte", "\x00", wantErr{1, "NUL byte: not a text file"}},
		{"UTF-16", "\xff\xfeh\x00i\x00", wantErr{1, "invalid UTF-8"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			posts, err := Parse("bad.txt", []byte(tt.data))
			if len(posts) != 0 {
				t.Errorf("got %d posts", len(posts))
			}
			checkErrors(t, "bad.txt", err, []wantErr{tt.want})
			_, err = ParseStdin([]byte(tt.data))
			checkErrors(t, "-", err, []wantErr{tt.want})
		})
	}
}

func TestParseFormats(t *testing.T) {
	for name, want := range map[string]string{
		"a.txt": "x", "a.TXT": "x", "dir.md/a.Md": "x", "a.json": "x", "a.JSONL": "x",
	} {
		data := "x"
		if strings.HasSuffix(strings.ToLower(name), "json") || strings.HasSuffix(strings.ToLower(name), "jsonl") {
			data = `{"text": "x"}`
		}
		posts, err := Parse(name, []byte(data))
		if err != nil || len(posts) != 1 || posts[0].Text != want || posts[0].File != name {
			t.Errorf("Parse(%q) = %v, %v", name, posts, err)
		}
	}
	for _, name := range []string{"a.doc", "a", "a.md.bak", ".md.swp"} {
		posts, err := Parse(name, []byte("x"))
		checkErrors(t, name, err, []wantErr{{0, "not a draft: want .md, .txt, .json or .jsonl"}})
		if posts != nil {
			t.Errorf("Parse(%q) returned posts", name)
		}
	}
}

func TestErrorString(t *testing.T) {
	if got := (&Error{File: "a.md", Line: 3, Msg: "bad"}).Error(); got != "a.md:3: bad" {
		t.Errorf("got %q", got)
	}
	if got := (&Error{File: "a.md", Msg: "bad"}).Error(); got != "a.md: bad" {
		t.Errorf("got %q", got)
	}
}

// TestErrorUnwraps: a missing draft is an *Error that errors.Is tells
// from others by its cause, and that still prints without the cause's
// own copy of the path.
func TestErrorUnwraps(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.md")
	_, err := ReadFile(missing)
	_, errs := Files([]string{missing})
	if len(errs) != 1 {
		t.Fatalf("Files: %v; want one error", errs)
	}
	for _, err := range []error{err, errs[0]} {
		var de *Error
		if !errors.As(err, &de) || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%v: As *Error %v, Is fs.ErrNotExist %v; want both", err, errors.As(err, &de), errors.Is(err, fs.ErrNotExist))
		}
		if msg := err.Error(); !strings.HasPrefix(msg, missing+": ") || strings.Count(msg, missing) != 1 {
			t.Errorf("Error() = %q; want %q once, then the cause", msg, missing)
		}
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.md", "---\naccount: a\n---\nhello\n")
	posts, err := ReadFile(good)
	if err != nil || len(posts) != 1 || posts[0].Text != "hello" || posts[0].File != good || posts[0].Line != 4 {
		t.Fatalf("ReadFile(good) = %v, %v", posts, err)
	}

	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	f.Close()
	loop := filepath.Join(dir, "loop.md")
	if err := os.Symlink("loop.md", loop); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.md")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path, msg string
	}{
		{filepath.Join(dir, "missing.md"), "no such file or directory"},
		{folder, "is a folder"},
		{loop, "too many levels of symbolic links"},
		{big, "file is larger than 16 MiB"},
		{write("notes.doc", "x"), "not a draft"},
	} {
		timed(t, func() {
			posts, err := ReadFile(tt.path)
			if posts != nil {
				t.Errorf("ReadFile(%s) returned posts", tt.path)
			}
			checkErrors(t, tt.path, err, []wantErr{{0, tt.msg}})
		})
	}
	// A malformed draft's error names its line.
	bad := write("bad.md", "---\nat: now\n---\nx")
	_, err = ReadFile(bad)
	checkErrors(t, bad, err, []wantErr{{2, `at: "now"`}})
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{
		"posts/b.md", "posts/a.txt", "posts/c.json", "posts/d.jsonl", "posts/e.png", "posts/README",
		"posts/sub/z.md", "posts/sub.md", "posts/A.MD",
		"posts/.hidden/x.md", "posts/.xlint/history.jsonl", "posts/.draft.md",
		"other/o.md", "single.txt",
	} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A folder linked to its parent: a loop if it were followed.
	if err := os.Symlink("..", "posts/sub/loop"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other/o.md", "posts/linked.md"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("other", "linkdir"); err != nil {
		t.Fatal(err)
	}
	var files []string
	var errs []error
	timed(t, func() {
		files, errs = Files([]string{"posts", "single.txt", "notes.doc", "missing", "-", "posts/b.md", "linkdir", "./other/", "posts/README"})
	})
	// linkdir/o.md and other/o.md are posts/linked.md, reached first.
	want := []string{
		"posts/A.MD", "posts/a.txt", "posts/b.md", "posts/c.json", "posts/d.jsonl", "posts/linked.md", "posts/sub.md", "posts/sub/z.md",
		"single.txt", "-", "posts/README",
	}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("Files =\n%q\nwant\n%q", files, want)
	}
	if len(errs) != 2 {
		t.Fatalf("errors %v, want two", errs)
	}
	for i, name := range []string{"notes.doc", "missing"} {
		var de *Error
		if e, ok := errs[i].(*Error); ok {
			de = e
		}
		if de == nil || de.File != name || !strings.Contains(de.Msg, "no such file") {
			t.Errorf("error %d = %v, want one naming %s", i, errs[i], name)
		}
	}
}

// TestFilesSameFile: a file named several ways is returned once, under the
// first name, or it would be linted twice and flagged as its own repeat.
func TestFilesSameFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"a.md", "b.md", "posts/x.md"} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		// The same text: only the names tell the files apart.
		if err := os.WriteFile(f, []byte("same text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"alias.md": "a.md", "posts/z-link.md": "../b.md", "linkdir": "posts"} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	abs := filepath.Join(dir, "a.md")
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		// Spellings of one path.
		{"dot slash", []string{"a.md", "./a.md"}, []string{"a.md"}},
		{"dot slash first", []string{"./a.md", "a.md"}, []string{"./a.md"}},
		{"absolute and relative", []string{abs, "a.md"}, []string{abs}},
		{"relative and absolute", []string{"a.md", abs}, []string{"a.md"}},
		{"doubled separator", []string{"posts", "posts//x.md"}, []string{"posts/x.md", "posts/z-link.md"}},
		{"dot dot", []string{"posts/x.md", "posts/../posts/x.md"}, []string{"posts/x.md"}},
		{"folder twice", []string{"posts/", "posts"}, []string{"posts/x.md", "posts/z-link.md"}},
		// Symlinks.
		{"symlinked file", []string{"alias.md", "a.md"}, []string{"alias.md"}},
		{"symlink in the walk", []string{"b.md", "posts"}, []string{"b.md", "posts/x.md"}},
		{"symlink in the walk first", []string{"posts", "b.md"}, []string{"posts/x.md", "posts/z-link.md"}},
		{"symlinked folder", []string{"posts", "linkdir"}, []string{"posts/x.md", "posts/z-link.md"}},
		{"symlinked folder first", []string{"linkdir", "posts/x.md"}, []string{"linkdir/x.md", "linkdir/z-link.md"}},
		// What stays apart.
		{"two files, same text", []string{"b.md", "a.md"}, []string{"b.md", "a.md"}},
		{"order kept", []string{"b.md", "-", "a.md", "./b.md", "-", "alias.md"}, []string{"b.md", "-", "a.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, errs := Files(tt.paths)
			if len(errs) > 0 {
				t.Fatalf("errors %v", errs)
			}
			if !slices.Equal(files, tt.want) {
				t.Errorf("Files(%q) = %q, want %q", tt.paths, files, tt.want)
			}
		})
	}
}

// TestFileIDFallback: where the system gives no device and inode, a file's
// absolute path with symlinks resolved still tells its names apart.
func TestFileIDFallback(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"a.md", "posts/x.md"} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("same text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.md", "alias.md"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		a, b string
		same bool
	}{
		{"a.md", "./a.md", true},
		{"a.md", filepath.Join(dir, "a.md"), true},
		{"posts/x.md", "posts//x.md", true},
		{"alias.md", "a.md", true},
		{"missing.md", "./missing.md", true},
		{"a.md", "posts/x.md", false},
	}
	for _, tt := range tests {
		if same := fileIDOf(tt.a, nil) == fileIDOf(tt.b, nil); same != tt.same {
			t.Errorf("%s and %s: same file %v, want %v", tt.a, tt.b, same, tt.same)
		}
	}
}
