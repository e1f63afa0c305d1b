// Package draft reads xlint's draft posts: plain text (.txt), Markdown with
// YAML front matter and `---` threads (.md), X API v2 request bodies (.json)
// and JSON lines (.jsonl), and finds the drafts under the command line's
// paths. Every post keeps its file so that findings point at the right line
// and column.
//
// Beyond the formats themselves:
//   - A leading UTF-8 byte-order mark is skipped in every format; invalid
//     UTF-8 and NUL bytes are errors.
//   - In .txt and .md drafts each CRLF of the text becomes LF, as X posts
//     use LF; lint.Post.TextMap maps the text back to the file.
//   - In a .md thread, a `---` line followed only by white space ends the
//     thread instead of starting an empty post.
//   - In .json drafts null reads as absent, keys are case-sensitive and
//     the last of duplicate keys wins, as encoding/json reads them.
//   - Bounds keep hostile drafts cheap: files up to MaxFileSize, front
//     matter up to 256 KiB, at most 100,000 posts a file, 1,000 media or
//     ignores a post, and 20 reported problems of a kind.
package draft

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xlint/xlint/internal/utf8x"
	"github.com/xlint/xlint/lint"
)

// MaxFileSize bounds a draft file. X's longest posts are 25,000 characters,
// so anything near this is not a draft; the bound keeps memory in check and
// offsets inside lint.Post.TextMap's int32.
const MaxFileSize = 16 << 20

// Error is a malformed draft: it prints as "FILE:LINE: message" (or
// "FILE: message" when Line is 0).
type Error struct {
	// File is the draft's path as given.
	File string
	// Line is the 1-based line of the problem; 0 when it concerns the
	// whole file.
	Line int
	// Msg says what is wrong, lowercase without a trailing period.
	Msg string
	// Err is the cause, when an operation on the file failed (an
	// *fs.PathError); nil for a malformed draft.
	Err error
}

// Error formats the error as "FILE:LINE: message", the form editors and
// CI annotations recognise.
func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Unwrap returns the cause, so that errors.Is(err, fs.ErrNotExist) tells
// a missing file.
func (e *Error) Unwrap() error { return e.Err }

// joinErrors sorts errs by line and joins them; nil when there are none.
func joinErrors(errs []*Error) error {
	if len(errs) == 0 {
		return nil
	}
	slices.SortStableFunc(errs, func(a, b *Error) int { return cmp.Compare(a.Line, b.Line) })
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return errors.Join(out...)
}

// Parse reads one draft file's content. name is the path as given (it
// becomes Post.File) and its extension decides the format: .txt, .md, .json
// or .jsonl, in any case. It returns the posts it could read and an error
// (errors.Join of *Error values, sorted by line) for the parts it could not:
// a .jsonl file's good lines are returned when another line is malformed;
// the other formats return no posts when the file is malformed.
func Parse(name string, data []byte) ([]*lint.Post, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{File: name, Msg: fmt.Sprintf("file is larger than %d MiB", MaxFileSize>>20)}
	}
	src := lint.NewSource(name, data)
	switch format(name) {
	case ".txt":
		return parseText(name, data, src)
	case ".md":
		return parseMarkdown(name, data, src)
	case ".json":
		return parseJSON(name, data, src)
	case ".jsonl":
		return parseJSONL(name, data, src)
	}
	return nil, &Error{File: name, Msg: "not a draft: want .md, .txt, .json or .jsonl"}
}

// ParseStdin reads one draft from stdin as text: File "-", same rules as a
// .txt file.
func ParseStdin(data []byte) ([]*lint.Post, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{File: "-", Msg: fmt.Sprintf("input is larger than %d MiB", MaxFileSize>>20)}
	}
	return parseText("-", data, lint.NewSource("-", data))
}

// ReadFile reads and parses the draft at path. A folder, a missing or
// unreadable file, a symlink loop, a file that is not a draft or one larger
// than MaxFileSize is an *Error naming the file.
func ReadFile(path string) ([]*lint.Post, error) {
	if !IsDraft(path) {
		return nil, &Error{File: path, Msg: "not a draft: want .md, .txt, .json or .jsonl"}
	}
	// Stat before opening: opening a FIFO would block.
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if fi.IsDir() {
		return nil, &Error{File: path, Msg: "is a folder, not a draft file"}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{File: path, Msg: "not a regular file"}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	// Sized from the file's size, the buffer need not grow; the file may
	// still change size while it is read, and the limit holds anyway.
	buf := bytes.NewBuffer(make([]byte, 0, min(fi.Size(), MaxFileSize+1)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, fileError(path, err)
	}
	return Parse(path, buf.Bytes())
}

// fileError is the *Error of an operation on path that failed: its
// message is err without the path, which Error already names.
func fileError(path string, err error) *Error {
	msg := err
	var pe *os.PathError
	if errors.As(err, &pe) {
		msg = pe.Err
	}
	return &Error{File: path, Msg: msg.Error(), Err: err}
}

// format is the lowercase extension of name.
func format(name string) string { return strings.ToLower(filepath.Ext(name)) }

// IsDraft reports whether name has a draft's extension (.md, .txt, .json,
// .jsonl, in any case).
func IsDraft(name string) bool {
	switch format(name) {
	case ".md", ".txt", ".json", ".jsonl":
		return true
	}
	return false
}

const bom = "\uFEFF"

// bomLen is the length of a leading UTF-8 byte-order mark: an encoding mark
// some editors write, not text of the post.
func bomLen(data []byte) int {
	if bytes.HasPrefix(data, []byte(bom)) {
		return len(bom)
	}
	return 0
}

// lineOf is the 1-based line of byte offset off.
func lineOf(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// checkBytes finds the first invalid UTF-8 or NUL byte of data[start:end],
// where start is on line line, and returns an error for its line, or nil.
func checkBytes(name string, data []byte, start, end, line int) *Error {
	b := data[start:end]
	nul := bytes.IndexByte(b, 0)
	if nul < 0 && utf8x.Valid(b) {
		return nil
	}
	for i := 0; i < len(b); {
		if b[i] == 0 {
			return &Error{File: name, Line: line + bytes.Count(b[:i], []byte{'\n'}), Msg: "NUL byte: not a text file"}
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return &Error{File: name, Line: line + bytes.Count(b[:i], []byte{'\n'}), Msg: "invalid UTF-8"}
		}
		i += n
	}
	return nil
}

// setText makes data[start:end] the post's text. X posts use LF, so each
// CRLF becomes LF; the map then records where each byte came from.
func setText(p *lint.Post, data []byte, start, end int) {
	seg := data[start:end]
	p.TextStart = start
	if !bytes.Contains(seg, []byte("\r\n")) {
		p.Text = string(seg)
		return
	}
	text := make([]byte, 0, len(seg))
	var m lint.TextMap
	for i := 0; i < len(seg); i++ {
		m.AddRun(len(text), start+i)
		if seg[i] == '\r' && i+1 < len(seg) && seg[i+1] == '\n' {
			// The LF stands for the pair and points at its CR, the end of
			// the line it closes.
			i++
		}
		text = append(text, seg[i])
	}
	m.AddRun(len(text), end)
	p.Text = string(text)
	p.TextMap = m
}

// parseText reads a .txt draft: the whole file is the text, less one
// trailing newline.
func parseText(name string, data []byte, src *lint.Source) ([]*lint.Post, error) {
	if err := checkBytes(name, data, 0, len(data), 1); err != nil {
		return nil, err
	}
	start, end := bomLen(data), len(data)
	if bytes.HasSuffix(data[start:], []byte("\r\n")) {
		end -= 2
	} else if bytes.HasSuffix(data[start:], []byte("\n")) {
		end--
	}
	p := &lint.Post{File: name, Source: src, Line: 1}
	setText(p, data, start, end)
	return []*lint.Post{p}, nil
}
