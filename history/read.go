package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// MaxLineBytes bounds one line of the history file; a longer line is
// reported and skipped, so a damaged file cannot exhaust memory.
const MaxLineBytes = 1 << 20

// Warning reports a line of the history file that was skipped. The line
// stays in the file untouched: reading never loses what was recorded.
type Warning struct {
	File string // the file as named to the reader
	Line int    // 1-based line number
	Msg  string
}

// Error formats the warning as "FILE:LINE: msg", as compilers do, so that
// editors can jump to the line.
func (w Warning) Error() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg) }

// ErrNoRecords reports a file none of whose lines is a record, or even
// begins as one: not a history file at all (a draft given to --history,
// say). Read as warnings alone, its lines would quietly turn off every
// check that needs the history. A damaged record (a torn write that a
// later Append ended, which Prune keeps) or one of a newer xlint begins
// as a record, `{"v":`, and stays a warning.
var ErrNoRecords = errors.New("no history record")

// ReadRecords streams the records of a history file to fn, one line at a
// time, holding at most one line (MaxLineBytes) in memory. Blank lines are
// ignored; a line that is not a record, too long, or the last line when it
// lacks its newline (a write torn by a crash) is skipped with a Warning.
// The error is fn's or the reader's, or ErrNoRecords (wrapped, with the
// Warnings) when the file has lines and none of them, but for a torn
// last line, is a record or begins as one.
func ReadRecords(r io.Reader, name string, fn func(Record) error) ([]Warning, error) {
	return readLines(r, name, func(line []byte) (string, error) {
		rec, msg := parseRecord(line)
		if msg != "" {
			return msg, nil
		}
		return "", fn(rec)
	})
}

// maxWarnings is how many bad lines are reported one by one; the rest
// are counted in one more Warning, so that a file of junk costs no more
// memory than its largest line.
const maxWarnings = 20

// maxWarningMsg bounds a warning's message, which may quote the line.
const maxWarningMsg = 200

// readLines calls fn with every complete, non-blank line (without its
// newline); fn returns a warning message for a bad line or an error to stop.
// Past maxWarnings bad lines, the rest are counted in one last Warning, at
// the first of them (or it is that line's own, when it is the only one).
func readLines(r io.Reader, name string, fn func(line []byte) (string, error)) (warns []Warning, err error) {
	br := bufio.NewReaderSize(r, 256<<10)
	more := 0
	var first Warning // the first bad line past maxWarnings
	warn := func(line int, msg string) {
		switch {
		case len(warns) < maxWarnings:
			warns = append(warns, Warning{name, line, msg})
		case more == 0:
			first = Warning{name, line, msg}
			fallthrough
		default:
			more++
		}
	}
	defer func() {
		switch {
		case more == 1:
			warns = append(warns, first)
		case more > 1:
			first.Msg = fmt.Sprintf("%d more bad lines, the first here, skipped", more)
			warns = append(warns, first)
		}
	}()
	var long []byte
	lineNo := 0
	tooLong := false
	// Complete lines that are records, or begin as one (a torn write that
	// Append ended, a record of a newer xlint), and lines that do not.
	shaped, bad := 0, 0
	for {
		chunk, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if !tooLong {
				if len(long)+len(chunk) > MaxLineBytes {
					tooLong, long = true, long[:0]
				} else {
					long = append(long, chunk...)
				}
			}
			continue
		}
		if err != nil && err != io.EOF {
			return warns, fmt.Errorf("%s: %w", name, err)
		}
		line := chunk
		if len(long) > 0 || tooLong {
			if !tooLong && len(long)+len(chunk) > MaxLineBytes {
				tooLong = true
			}
			if !tooLong {
				long = append(long, chunk...)
				line = long
			}
		}
		complete := err == nil
		if complete || len(line) > 0 || tooLong {
			lineNo++
		}
		switch {
		case tooLong:
			bad++
			warn(lineNo, fmt.Sprintf("line longer than %d bytes, skipped", MaxLineBytes))
		case !complete && len(bytes.TrimSpace(line)) > 0:
			warn(lineNo, "incomplete last line (no newline at end of file), skipped")
		case complete:
			line = bytes.TrimSuffix(line, []byte("\n"))
			if lineNo == 1 {
				// An editor's byte order mark is not part of the record.
				line = bytes.TrimPrefix(line, []byte("\uFEFF"))
			}
			if len(bytes.TrimSpace(line)) == 0 {
				break
			}
			msg, ferr := fn(line)
			if ferr != nil {
				return warns, ferr
			}
			if msg == "" {
				shaped++
				break
			}
			if bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte(`{"v":`)) {
				shaped++
			} else {
				bad++
			}
			if len(msg) > maxWarningMsg {
				msg = strings.ToValidUTF8(msg[:maxWarningMsg], "") + "…"
			}
			warn(lineNo, msg+", skipped")
		}
		tooLong, long = false, long[:0]
		if err == io.EOF {
			if shaped == 0 && bad > 0 {
				lines := "lines"
				if bad == 1 {
					lines = "line"
				}
				return warns, fmt.Errorf("%s: %w in %d %s; is it a history file? (line %d: %s)",
					name, ErrNoRecords, bad, lines, warns[0].Line, strings.TrimSuffix(warns[0].Msg, ", skipped"))
			}
			return warns, nil
		}
	}
}

// errSlowPath sends a line the fast scanner does not handle to encoding/json.
var errSlowPath = errors.New("needs the full JSON decoder")

// scanObject walks a flat JSON object (string, number, true/false/null
// values), calling fn with each key and raw value; string values come
// without their quotes and escaped reports a backslash inside. Nested
// values return errSlowPath; malformed input returns another error.
func scanObject(b []byte, fn func(key, val []byte, str, escaped bool)) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return errors.New("not a JSON object")
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return trailing(b, i+1)
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return errors.New("expected a key")
		}
		ks, ke, kesc, err := scanString(b, i)
		if err != nil {
			return err
		}
		if kesc {
			return errSlowPath
		}
		key := b[ks:ke]
		i = skipSpace(b, ke+1)
		if i >= len(b) || b[i] != ':' {
			return errors.New("expected ':'")
		}
		i = skipSpace(b, i+1)
		if i >= len(b) {
			return errors.New("missing value")
		}
		switch c := b[i]; {
		case c == '"':
			vs, ve, esc, err := scanString(b, i)
			if err != nil {
				return err
			}
			if esc && !validEscapes(b[vs:ve]) {
				return errors.New("invalid escape in string")
			}
			fn(key, b[vs:ve], true, esc)
			i = ve + 1
		case c == '{' || c == '[':
			return errSlowPath
		default:
			j := i
			for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] == '-' || b[j] == '+' || b[j] == '.' || b[j] == 'e' || b[j] == 'E' || b[j] >= 'a' && b[j] <= 'z') {
				j++
			}
			if j == i {
				return errors.New("bad value")
			}
			fn(key, b[i:j], false, false)
			i = j
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return errors.New("unterminated object")
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return trailing(b, i+1)
		default:
			return errors.New("expected ',' or '}'")
		}
	}
}

func trailing(b []byte, i int) error {
	if skipSpace(b, i) != len(b) {
		return errors.New("data after the object")
	}
	return nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// scanString returns the bounds of the string content starting at b[i]=='"'.
func scanString(b []byte, i int) (start, end int, escaped bool, err error) {
	start = i + 1
	for j := start; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			return start, j, escaped, nil
		case c == '\\':
			escaped = true
			j++
		case c < 0x20:
			return 0, 0, false, errors.New("control character in string")
		}
	}
	return 0, 0, false, errors.New("unterminated string")
}

// jsonString decodes a string value, unescaping when needed.
func jsonString(val []byte, escaped bool) (string, error) {
	if !escaped {
		return string(val), nil
	}
	var s string
	q := make([]byte, 0, len(val)+2)
	q = append(append(append(q, '"'), val...), '"')
	err := json.Unmarshal(q, &s)
	return s, err
}

// parseRecord decodes one line; a non-empty message says why it is not a
// valid record.
func parseRecord(line []byte) (Record, string) {
	var r Record
	var ferr error
	seenAt := false
	err := scanObject(line, func(key, val []byte, str, esc bool) {
		if ferr != nil {
			return
		}
		if string(key) == "v" {
			if str {
				ferr = errors.New(`"v" is not a number`)
				return
			}
			r.V, ferr = strconv.Atoi(string(val))
			return
		}
		if !str {
			if string(val) == "null" {
				return
			}
			switch string(key) {
			case "at", "account", "id", "source", "text", "exact", "norm", "sim":
				ferr = fmt.Errorf("%q is not a string", key)
			}
			return
		}
		var p *string
		switch string(key) {
		case "at":
			seenAt = true
			r.At, ferr = parseTime(val)
			return
		case "account":
			p = &r.Account
		case "id":
			p = &r.ID
		case "source":
			p = &r.Source
		case "text":
			p = &r.Text
		case "exact":
			p = &r.Exact
		case "norm":
			p = &r.Norm
		case "sim":
			p = &r.Sim
		default:
			return
		}
		*p, ferr = jsonString(val, esc)
	})
	if err == errSlowPath {
		r = Record{}
		if err = json.Unmarshal(line, &r); err == nil {
			seenAt = !r.At.IsZero()
		}
	}
	if err == nil {
		err = ferr
	}
	if err != nil {
		return Record{}, "not a history record: " + err.Error()
	}
	return r, checkRecord(&r, seenAt)
}

func checkRecord(r *Record, seenAt bool) string {
	switch {
	case r.V > RecordVersion:
		return fmt.Sprintf("record version %d is newer than this xlint reads (%d)", r.V, RecordVersion)
	case !seenAt:
		return `record has no "at" time`
	case !Recordable(r.At):
		return outOfRange(r.At)
	}
	return ""
}

// Recordable reports whether t is in the years 1678 to 2261, which a
// history can hold: the index keeps times as nanoseconds in an int64.
func Recordable(t time.Time) bool {
	// Year is slow, and a check asks this of every post.
	if u := t.Unix(); u > nanosSafeLo && u < nanosSafeHi {
		return true
	}
	y := t.UTC().Year()
	return y >= 1678 && y <= 2261
}

func outOfRange(t time.Time) string {
	return "record time " + t.Format(time.RFC3339) + " is outside the years 1678 to 2261"
}

// parseTime parses RFC 3339 times, fast for the UTC form Append writes.
func parseTime(b []byte) (time.Time, error) {
	if t, ok := parseUTC(b); ok {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return time.Time{}, fmt.Errorf("bad time %q", b)
	}
	return t, nil
}

// parseUTC parses "2006-01-02T15:04:05[.fraction]Z".
func parseUTC(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[len(b)-1] != 'Z' || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	num := func(s []byte) (int, bool) {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	year, ok1 := num(b[0:4])
	month, ok2 := num(b[5:7])
	day, ok3 := num(b[8:10])
	hour, ok4 := num(b[11:13])
	minute, ok5 := num(b[14:16])
	sec, ok6 := num(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	ns := 0
	frac := b[19 : len(b)-1]
	if len(frac) > 0 {
		if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 {
			return time.Time{}, false
		}
		f, ok := num(frac[1:])
		if !ok {
			return time.Time{}, false
		}
		for k := len(frac) - 1; k < 9; k++ {
			f *= 10
		}
		ns = f
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, ns, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31 February: let time.Parse reject it
	}
	return t, true
}
