package output

import (
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xlint/xlint/lint"
)

// GitHub prints one GitHub Actions workflow command per finding, which
// the runner turns into an annotation on the pull request:
//
//	::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE
//
// (::warning for warnings), then the summary line. Values are escaped as
// the Actions toolkit does. Files are relative to o.Root when inside it,
// as GitHub wants them relative to the repository. Findings of standard
// input have no file to annotate, so their command has no position
// properties and the message starts with "stdin:LINE:COL: "; so do those
// of a post without a file (built in code), whose message starts with
// "LINE:COL: ".
func GitHub(w io.Writer, results []lint.Result, o Options) error {
	b := newBuffered(w)
	paths := newRootPaths(o.Root)
	for i := range results {
		r := &results[i]
		file := fileOf(r)
		noFile := file == "-" || file == ""
		name := ""
		if file == "-" {
			name = "stdin:"
		}
		if rel, ok := paths.rel(file); ok {
			file = rel
		}
		file = filepath.ToSlash(file)
		for j := range r.Findings {
			f := &r.Findings[j]
			start, end := positions(r, f)
			b.WriteString("::")
			if f.Severity == lint.Error {
				b.WriteString("error")
			} else {
				b.WriteString("warning")
			}
			sep := byte(' ')
			prop := func(name, value string) {
				b.WriteByte(sep)
				sep = ','
				b.WriteString(name)
				b.WriteByte('=')
				b.WriteString(escapeProperty(value))
			}
			msg := withFix(f.Message, f.Fix)
			if noFile {
				msg = name + strconv.Itoa(start.Line) + ":" + strconv.Itoa(start.Column) + ": " + msg
			} else {
				prop("file", file)
				prop("line", strconv.Itoa(start.Line))
				if start.Line == end.Line {
					prop("col", strconv.Itoa(start.Column))
					prop("endColumn", strconv.Itoa(end.Column))
				} else {
					// The runner drops columns from an annotation of
					// several lines, as invalid.
					prop("endLine", strconv.Itoa(end.Line))
				}
			}
			title := "xlint: " + f.Rule
			if f.Status != 0 {
				title += " (X: " + strconv.Itoa(f.Status) + " " + f.Code + ")"
			}
			prop("title", title)
			b.WriteString("::")
			b.WriteString(escapeData(msg))
			b.WriteByte('\n')
		}
	}
	b.WriteString(Summarize(results).String())
	b.WriteByte('\n')
	return b.Flush()
}

// GitHubFileError prints the workflow command for a file xlint could not
// check (a malformed draft), so that it is annotated like a finding: line
// is 0 when the problem concerns the whole file. It is an error of the
// run, not of X, so its title has no status. Standard input has no file
// to annotate: the message starts with "stdin:LINE: " ("LINE: " for the
// empty name, as in GitHub).
func GitHubFileError(w io.Writer, file string, line int, msg string, o Options) error {
	b := newBuffered(w)
	b.WriteString("::error ")
	switch {
	case file == "-":
		msg = "stdin:" + strconv.Itoa(line) + ": " + msg
	case file == "" && line > 0:
		msg = strconv.Itoa(line) + ": " + msg
	case file == "":
	default:
		if rel, ok := newRootPaths(o.Root).rel(file); ok {
			file = rel
		}
		b.WriteString("file=" + escapeProperty(filepath.ToSlash(file)) + ",")
		if line > 0 {
			b.WriteString("line=" + strconv.Itoa(line) + ",")
		}
	}
	b.WriteString("title=" + escapeProperty("xlint: malformed draft") + "::" + escapeData(msg) + "\n")
	return b.Flush()
}

// The Actions toolkit's escaping (@actions/core, command.ts): data
// escapes '%', CR and LF; property values also ':' and ','.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
