package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"xlint": main})
}

// TestScripts runs the CLI scripts of testdata/script: every command,
// format and exit code, config discovery and stdin. $MEDIA is the media
// package's fixtures folder.
func TestScripts(t *testing.T) {
	media, err := filepath.Abs(filepath.Join("..", "..", "media", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("MEDIA", media)
			env.Setenv("HOME", env.WorkDir)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// deepjson FILE N writes a JSON body nested N arrays deep.
			"deepjson": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: deepjson FILE N")
				}
				n, err := strconv.Atoi(args[1])
				ts.Check(err)
				body := `{"text": "x", "poll": ` + strings.Repeat("[", n) + strings.Repeat("]", n) + "}\n"
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(body), 0o644))
			},
		},
	})
}

func TestColorOnlyOnTerminalsWithoutNoColor(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if colorOK(f) {
		t.Error("colour on a regular file")
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no terminal to test with:", err)
	}
	defer tty.Close()
	t.Setenv("NO_COLOR", "")
	os.Unsetenv("NO_COLOR")
	if !colorOK(tty) {
		t.Error("no colour on a terminal")
	}
	t.Setenv("NO_COLOR", "1")
	if colorOK(tty) {
		t.Error("colour with NO_COLOR set")
	}
}
