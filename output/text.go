package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xlint/xlint/lint"
)

// ANSI escapes of the text format's colours.
const (
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiReset  = "\x1b[0m"
)

// Text prints one line per finding,
//
//	FILE:LINE:COL: SEVERITY: MESSAGE [rule] (X: STATUS CODE)
//
// then, for a post X would refuse, FILE: X would return STATUS "CODE",
// and at the end a summary line. A post's findings and its prediction are
// printed together, posts in the order given. A line break in a message is
// printed as \n so that every finding stays on one line for grep and
// editors. A post without a file (built in code) is printed without one,
// LINE:COL: ... and X would return ..., as go/token prints a position
// without a file name.
func Text(w io.Writer, results []lint.Result, o Options) error {
	b := newBuffered(w)
	for i := range results {
		r := &results[i]
		file := fileOf(r)
		for j := range r.Findings {
			f := &r.Findings[j]
			start, _ := positions(r, f)
			if file != "" {
				writeFile(b, file, o.Color)
				b.WriteByte(':')
			}
			b.WriteString(strconv.Itoa(start.Line))
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(start.Column))
			b.WriteString(": ")
			writeSeverity(b, f.Severity, o.Color)
			b.WriteString(": ")
			b.WriteString(oneLine(f.Message))
			b.WriteString(" [")
			b.WriteString(f.Rule)
			b.WriteByte(']')
			if f.Status != 0 {
				b.WriteString(" (X: ")
				b.WriteString(strconv.Itoa(f.Status))
				b.WriteByte(' ')
				b.WriteString(oneLine(f.Code))
				b.WriteByte(')')
			}
			b.WriteByte('\n')
		}
		if p := r.Prediction; p != nil {
			if file != "" {
				writeFile(b, file, o.Color)
				b.WriteString(": ")
			}
			b.WriteString("X would return ")
			b.WriteString(strconv.Itoa(p.Status))
			b.WriteString(" ")
			b.WriteString(strconv.Quote(p.Code))
			b.WriteByte('\n')
		}
	}
	b.WriteString(Summarize(results).String())
	b.WriteByte('\n')
	return b.Flush()
}

// writeFile writes a file name, on one line like a message: a name may
// hold any byte but NUL and '/'.
func writeFile(b buffered, file string, color bool) {
	file = oneLine(file)
	if color {
		b.WriteString(ansiBold)
		b.WriteString(file)
		b.WriteString(ansiReset)
		return
	}
	b.WriteString(file)
}

func writeSeverity(b buffered, s lint.Severity, color bool) {
	if !color {
		b.WriteString(s.String())
		return
	}
	switch s {
	case lint.Error:
		b.WriteString(ansiRed)
	case lint.Warning:
		b.WriteString(ansiYellow)
	default:
		b.WriteString(s.String())
		return
	}
	b.WriteString(s.String())
	b.WriteString(ansiReset)
}

// oneLine escapes what would split a text line, or drive a terminal: line
// breaks as \n, other control characters (but tab) as \xNN or \u00NN.
// A message or file name can hold them from a draft, a file name or a
// credentials file, and an escape sequence could rewrite the screen.
func oneLine(s string) string {
	start := strings.IndexFunc(s, isControl)
	if start < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:start])
	for j, r := range s[start:] {
		switch {
		case !isControl(r):
			b.WriteString(s[start+j : start+j+runeWidth(s[start+j:])])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			// A CRLF line break reads as one \n.
			if !strings.HasPrefix(s[start+j:], "\r\n") {
				b.WriteString(`\r`)
			}
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// runeWidth is the length of the rune s starts with, 1 for a byte that
// starts none (kept as it was).
func runeWidth(s string) int {
	_, n := utf8.DecodeRuneInString(s)
	return n
}

// isControl reports the C0 and C1 control characters and DEL, but tab.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' || r >= 0x7F && r < 0xA0
}
