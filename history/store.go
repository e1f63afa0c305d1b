package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xlint/xlint/internal/regular"
)

// Load reads the history file at path into an Index in one pass. A missing
// file is an empty history. Lines that are not records (a write torn by a
// crash, a hand edit gone wrong) are skipped and reported as Warnings; they
// stay in the file, so nothing recorded is ever lost from it.
func Load(path string) (*Index, []Warning, error) {
	return LoadSince(path, time.Time{})
}

// LoadSince is Load for a reader that looks at no post older than since,
// as a check does (lint.Config.HistoryFrom: its windows, and the calendar
// month of the usage caps). Older records are left out of the index, and
// those on lines as Append writes them are known to be older from the
// line's first bytes and are not parsed, so that the cost of a long
// history is mostly that of reading its file. Lines left out are not
// checked either: warnings about them are Load's to give. One difference
// in what is kept: a post recorded twice under one id with two times (a
// hand edit; sources that disagree) counts once in both, but at its later
// time here when the earlier is before since, where Load keeps the first
// copy. The zero since is Load.
func LoadSince(path string, since time.Time) (*Index, []Warning, error) {
	f, _, err := regular.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return NewIndex(), nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return loadSince(f, path, size, since)
}

// loadSince is LoadSince reading r, of size bytes when it is not -1.
func loadSince(r io.Reader, name string, size int64, since time.Time) (*Index, []Warning, error) {
	ix := NewIndex()
	if size >= 0 && since.IsZero() {
		ix = newIndex(indexSize(size))
	}
	ix.beginBulk()
	h := newHorizon(since)
	warns, err := readLines(r, name, func(line []byte) (string, error) {
		if !since.IsZero() && h.older(line) {
			return "", nil
		}
		return ix.addLine(line), nil
	})
	if err != nil {
		return nil, warns, err
	}
	ix.endBulk()
	return ix, warns, nil
}

// indexSize is how many records to size an index for, for a history file
// of size bytes read whole: a record with its text takes about 400 bytes a
// line (synthetic posts of 6 to 35 words take 420). It is at most about a
// million, 36 MB of tables: past that, the index grows as records come,
// and a huge file of anything else (a sparse 27 GB one took 2.4 GB) costs
// no more.
func indexSize(size int64) int { return int(min(max(size, 0)/400, 1<<20)) }

// linePrefix is how every line Append writes begins, up to the post's
// time: encoding/json writes a Record's fields in order.
var linePrefix = []byte(`{"v":` + strconv.Itoa(RecordVersion) + `,"at":"`)

// horizon tells the lines of posts older than a time from the others.
type horizon struct {
	since time.Time
	sec   []byte // since in UTC to the second, as a line has it: "2006-01-02T15:04:05"
}

func newHorizon(since time.Time) horizon {
	return horizon{since, since.UTC().AppendFormat(nil, "2006-01-02T15:04:05")}
}

// older reports whether line is a record, as Append writes it, of a post
// older than h.since. It reads the time as text as far as it can (in UTC,
// to the second, a later time is later text), and answers false when in
// doubt: another layout, or another key further on that JSON decoding may
// read as "at" and keep instead (laterAt). Earlier text that is no time at
// all is no record either: its line is as well left out.
func (h horizon) older(line []byte) bool {
	rest, ok := bytes.CutPrefix(line, linePrefix)
	if !ok {
		return false
	}
	end := bytes.IndexByte(rest, '"')
	if end < 20 || rest[end-1] != 'Z' || rest[19] != 'Z' && rest[19] != '.' {
		return false
	}
	switch bytes.Compare(rest[:19], h.sec) {
	case 1:
		return false
	case 0: // the same second: the fraction decides
		if at, ok := parseUTC(rest[:end]); !ok || !at.Before(h.since) {
			return false
		}
	}
	return !laterAt(rest[end:])
}

// laterAt reports whether b, a line after its first time, may hold
// another "at" key: the fast scanner keeps the last "at", and
// encoding/json, which reads a line the scanner cannot, also takes "AT"
// or "At", and escaped keys such as "\u0061t". Any \u escape will do,
// and any key of those two letters in any case before a colon; a match
// inside a string only costs a line parsed for nothing.
func laterAt(b []byte) bool {
	if bytes.Contains(b, []byte(`\u`)) {
		return true
	}
	for i := 0; ; i++ {
		j := bytes.IndexByte(b[i:], ':')
		if j < 0 {
			return false
		}
		i += j
		p := i - 1 // back over JSON's white space to the key's closing quote
		for p >= 0 && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r') {
			p--
		}
		if p >= 3 && b[p] == '"' && b[p-3] == '"' && b[p-2]|0x20 == 'a' && b[p-1]|0x20 == 't' {
			return true
		}
	}
}

// Append adds records to the history file at path, creating it and its
// directory when missing. It holds an exclusive lock on the file and writes
// each record as one full line in a single write, so concurrent writers
// never interleave and a crash tears at most one record. If the file does
// not end in a newline (a torn earlier write) a newline is written first,
// so the torn line costs only itself. The file is synced before the lock is
// released.
//
// Every record must be one that Load reads back: one with no valid time,
// or with a version V newer than RecordVersion, is an error, and nothing
// is appended. V 0 is written as RecordVersion, and the account without
// a leading "@", as NewRecord makes it. A record whose line would pass
// MaxLineBytes is written without its text, which its fingerprints stand
// for in every lookup.
func Append(path string, recs ...Record) error {
	lines := make([][]byte, len(recs))
	for i, r := range recs {
		if r.At.IsZero() || !Recordable(r.At) {
			return fmt.Errorf("%s: record %d has no valid time (%v); nothing appended", path, i+1, r.At)
		}
		if r.V > RecordVersion {
			return fmt.Errorf("%s: record %d has version %d, newer than this xlint writes (%d); nothing appended", path, i+1, r.V, RecordVersion)
		}
		r.Account = strings.TrimPrefix(r.Account, "@")
		line, err := encodeRecord(r)
		if err == nil && len(line) > MaxLineBytes {
			r.Text = ""
			line, err = encodeRecord(r)
		}
		if err == nil && len(line) > MaxLineBytes {
			err = fmt.Errorf("record %d is longer than %d bytes even without its text", i+1, MaxLineBytes)
		}
		if err != nil {
			return fmt.Errorf("%s: %w; nothing appended", path, err)
		}
		lines[i] = line
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := lockedForAppend(path)
	if err != nil {
		return err
	}
	defer f.Close() // closing releases the lock
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.Size() > 0 {
		var last [1]byte
		if _, err := f.ReadAt(last[:], st.Size()-1); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if last[0] != '\n' {
			if _, err := f.Write([]byte{'\n'}); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
	}
	for _, line := range lines {
		if _, err := f.Write(line); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// encodeRecord returns r's line in the history file, newline included.
func encodeRecord(r Record) ([]byte, error) {
	if r.V == 0 {
		r.V = RecordVersion
	}
	r.At = r.At.UTC()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil { // Encode ends the line with '\n'
		return nil, err
	}
	return buf.Bytes(), nil
}

// lockedForAppend opens path for appending and locks it. Prune replaces
// the file by renaming a new one over it, so after waiting for the lock the
// open file may no longer be the one at path: then it tries again.
func lockedForAppend(path string) (*os.File, error) {
	// A device or a named pipe in its place would swallow the records, or
	// wait for a reader.
	if err := regular.Check(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for range 100 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: lock: %w", path, err)
		}
		if same, err := stillAt(f, path); err != nil || same {
			if err != nil {
				f.Close()
				return nil, err
			}
			return f, nil
		}
		f.Close()
	}
	return nil, fmt.Errorf("%s: file keeps being replaced", path)
}

func stillAt(f *os.File, path string) (bool, error) {
	a, err := f.Stat()
	if err != nil {
		return false, err
	}
	b, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(a, b), nil
}

// Prune removes the records published before the given time. It is the
// only operation that rewrites the file: under the lock it writes the kept
// lines to a temporary file in the same directory, syncs it and renames it
// over the original, so a crash leaves either the old or the new file;
// when it removes nothing, the file is left alone. Lines that are not
// valid records are kept as they are.
func Prune(path string, before time.Time) (removed int, err error) {
	// A history that is a symbolic link (to a shared folder, say) is
	// rewritten where it lives: renaming over the link would replace it
	// with a file of its own.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if err := regular.Check(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, nil
		}
		return 0, err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if err := lockFile(f); err != nil {
		return 0, fmt.Errorf("%s: lock: %w", path, err)
	}
	if same, err := stillAt(f, path); err != nil || !same {
		if err != nil {
			return 0, err
		}
		return 0, fmt.Errorf("%s: replaced while pruning; try again", path)
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".prune-*")
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(st.Mode().Perm()); err != nil {
		return 0, err
	}
	w := newLineWriter(tmp)
	cut := nanos(before)
	_, err = readRawLines(f, path, func(line []byte) error {
		r, msg := parseRecord(line)
		if msg == "" && nanos(r.At) < cut {
			removed++
			return nil
		}
		return w.writeLine(line)
	})
	if err != nil {
		return 0, err
	}
	if removed == 0 { // the file stays as it is
		tmp.Close()
		return 0, os.Remove(tmp.Name())
	}
	if err = w.flush(); err != nil {
		return 0, err
	}
	if err = tmp.Sync(); err != nil {
		return 0, err
	}
	if err = tmp.Close(); err != nil {
		return 0, err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return 0, err
	}
	if d, derr := os.Open(filepath.Dir(path)); derr == nil {
		d.Sync() // make the rename durable; not all systems allow it
		d.Close()
	}
	return removed, nil
}

// readRawLines calls fn with every non-blank line, complete or not, long or
// not, so that Prune keeps what it does not understand.
func readRawLines(r io.Reader, name string, fn func(line []byte) error) (int, error) {
	data := make([]byte, 0, 64<<10)
	buf := make([]byte, 256<<10)
	n := 0
	for {
		k, err := r.Read(buf)
		data = append(data, buf[:k]...)
		for {
			i := bytes.IndexByte(data, '\n')
			if i < 0 {
				break
			}
			if len(bytes.TrimSpace(data[:i])) > 0 {
				n++
				if ferr := fn(data[:i]); ferr != nil {
					return n, ferr
				}
			}
			data = data[i+1:]
		}
		if err == io.EOF {
			if len(bytes.TrimSpace(data)) > 0 {
				n++
				return n, fn(data)
			}
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("%s: %w", name, err)
		}
		data = append(make([]byte, 0, max(len(data)*2, 64<<10)), data...)
	}
}

type lineWriter struct {
	w   io.Writer
	buf []byte
}

func newLineWriter(w io.Writer) *lineWriter { return &lineWriter{w: w} }

func (lw *lineWriter) writeLine(line []byte) error {
	lw.buf = append(append(lw.buf, line...), '\n')
	if len(lw.buf) >= 256<<10 {
		return lw.flush()
	}
	return nil
}

func (lw *lineWriter) flush() error {
	_, err := lw.w.Write(lw.buf)
	lw.buf = lw.buf[:0]
	return err
}
