package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/output"
	"github.com/xlint/xlint/rules"
)

func (e *env) rules(args []string) int {
	fs := e.flags("rules", "[--format text|json]")
	format := formatFlag(fs, output.CommandFormats...)
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		e.errorf("rules takes no arguments")
		return exitError
	}
	if err := output.Rules(e.stdout, *format, rules.All()); err != nil {
		e.errorf("%v", err)
		return exitError
	}
	return exitOK
}

func (e *env) explain(args []string) int {
	fs := e.flags("explain", "[--format text|json] [CODE|RULE]")
	format := formatFlag(fs, output.CommandFormats...)
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	var codes []*lint.Code
	switch {
	case fs.NArg() == 0:
		for i := range lint.Codes {
			codes = append(codes, &lint.Codes[i])
		}
	default:
		what := strings.Join(fs.Args(), " ")
		if c, ok := lint.LookupCode(what); ok {
			codes = append(codes, c)
		} else if r, ok := rules.ByID(what); ok {
			for _, name := range r.Codes {
				c, _ := lint.LookupCode(name)
				codes = append(codes, c)
			}
		} else {
			e.errorf("explain: %q is not a code, alias or rule id (see 'xlint explain' and 'xlint rules')", what)
			return exitError
		}
	}
	if err := output.Explain(e.stdout, *format, codes, rules.All()); err != nil {
		e.errorf("%v", err)
		return exitError
	}
	return exitOK
}

func (e *env) version(args []string) int {
	if len(args) > 0 {
		e.errorf("version takes no arguments")
		return exitError
	}
	fmt.Fprintln(e.stdout, "xlint", version())
	return exitOK
}

// version is the module version from the build information, with the VCS
// revision when the binary was built from a checkout.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" && (v == "" || v == "(devel)") {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return "(devel) " + rev + dirty
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}

// colorOK reports whether w is a terminal and NO_COLOR is not set.
func colorOK(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	return isTerminal(w)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// repoRoot is the folder SARIF paths are relative to: the nearest folder
// upward holding .git, else the working directory.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return wd
		}
		dir = parent
	}
}
