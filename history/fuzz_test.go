package history

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// FuzzReadRecords feeds arbitrary history files to both readers: the
// streaming ReadRecords and Load's fast path must accept the same records.
func FuzzReadRecords(f *testing.F) {
	var good bytes.Buffer
	for i, text := range []string{"hello", "line\nbreak \"quoted\" \\ \u00e9 \U0001F600", "We just released version two of the tool with faster checks and better messages"} {
		r := NewRecord(t0.Add(time.Duration(i)*time.Minute), "acme", fmt.Sprint(i), "a.md", text, true)
		fmt.Fprintf(&good, `{"v":1,"at":%q,"account":%q,"id":%q,"text":%q,"exact":%q,"norm":%q,"sim":%q}`+"\n",
			r.At.Format(time.RFC3339Nano), r.Account, r.ID, r.Text, r.Exact, r.Norm, r.Sim)
	}
	f.Add(good.Bytes())
	f.Add(good.Bytes()[:good.Len()-20])
	f.Add([]byte(`{"v":1,"at":"2026-01-01T00:00:00Z","id":"\u0031","text":"a\ud83d\ude00"}` + "\n"))
	f.Add([]byte(`{"v":1,"at":"2026-01-01T00:00:00+05:30","x":{"y":[1,2]},"text":"bad \q escape"}` + "\n"))
	f.Add([]byte(`{"v":"1","at":null}` + "\n{}\n[]\n\n" + `{"at":"2026-02-30T00:00:00Z"}` + "\n"))
	f.Add([]byte(`{"v":1,"at":"2026-01-01T00:00:00.123Z","exact":"zz","norm":"00","sim":"` + strings.Repeat("f", simHexLen) + `"}` + "\n"))
	// Around the time LoadSince is tried with below (t0 + 90 s): the same
	// second, earlier and later fractions, a time that is no time.
	f.Add([]byte(`{"v":1,"at":"2026-03-01T12:01:30Z","id":"1","text":"a"}` + "\n" +
		`{"v":1,"at":"2026-03-01T12:01:29.999Z","id":"2","text":"b"}` + "\n" +
		`{"v":1,"at":"2026-03-01T12:01:30.5Z","id":"3","text":"c"}` + "\n" +
		`{"v":1,"at":"2026-03-01T12:01:2xZ","id":"4","text":"d"}` + "\n" +
		`{"v":1,"at":"2026-03-01T12:00:00Z","id":"5","at":"2026-03-01T12:05:00Z","text":"e"}` + "\n"))
	// Later keys that encoding/json reads as "at" (a nested value sends
	// the line to it).
	f.Add([]byte(`{"v":1,"at":"2026-03-01T12:00:00Z","account":"acme","text":"x","exact":"","norm":"","AT":"2026-03-01T12:05:00Z","x":[]}` + "\n" +
		`{"v":1,"at":"2026-03-01T12:00:00Z","account":"acme","text":"y","exact":"","norm":"","\u0061t":"2026-03-01T12:05:00Z"}` + "\n" +
		`{"v":1,"at":"2026-03-01T12:00:00Z","account":"acme","text":"z","At" : "2026-03-01T12:05:00Z"}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// ids are the records' ids, each id once: a post recorded twice
		// counts once.
		var ids []string
		seen, twice := map[string]bool{}, false
		warns, err := ReadRecords(bytes.NewReader(data), "F", func(r Record) error {
			if r.At.IsZero() {
				t.Errorf("record without time: %+v", r)
			}
			if r.ID != "" && seen[r.ID] {
				twice = true
				return nil
			}
			seen[r.ID] = true
			ids = append(ids, r.ID)
			return nil
		})
		if errors.Is(err, ErrNoRecords) && len(ids) == 0 {
			err = nil // a file of no record; the other readers say so too
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range warns {
			if w.Line < 1 || !strings.HasPrefix(w.Error(), "F:") {
				t.Errorf("bad warning %+v", w)
			}
		}
		ix := NewIndex()
		warns2, err := readLines(bytes.NewReader(data), "F", func(l []byte) (string, error) { return ix.addLine(l), nil })
		if errors.Is(err, ErrNoRecords) && len(ids) == 0 {
			err = nil
		}
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i := range ix.entries {
			got = append(got, ix.record(int32(i)).ID)
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", ids) || len(warns) != len(warns2) {
			t.Errorf("Load and ReadRecords disagree:\n%q %v\n%q %v", got, warns2, ids, warns)
		}
		for i := range min(len(warns), len(warns2)) {
			if warns[i].Line != warns2[i].Line {
				t.Errorf("warning lines differ: %v / %v", warns[i], warns2[i])
			}
		}

		// LoadSince skips a line only when Load would find no post from
		// since on in it, and keeps every post Load keeps from since on
		// (when no id is recorded twice: which copy counts may then
		// differ).
		since := t0.Add(90 * time.Second)
		h := newHorizon(since)
		if _, err := readLines(bytes.NewReader(data), "F", func(l []byte) (string, error) {
			if h.older(l) {
				one := NewIndex()
				one.addLine(l)
				for i := range one.entries {
					if r := one.record(int32(i)); !r.At.Before(since) {
						t.Errorf("horizon.older skipped a post of %v: %s", r.At, l)
					}
				}
			}
			return "", nil
		}); err != nil {
			t.Fatal(err)
		}
		ix3, _, err := loadSince(bytes.NewReader(data), "F", int64(len(data)), since)
		if errors.Is(err, ErrNoRecords) && len(ids) == 0 {
			ix3, err = NewIndex(), nil
		}
		if err != nil {
			t.Fatal(err)
		}
		recent := func(ix *Index) (ids []string) {
			for i := range ix.entries {
				if r := ix.record(int32(i)); !r.At.Before(since) {
					ids = append(ids, r.ID)
				}
			}
			return ids
		}
		if a, b := recent(ix), recent(ix3); !twice && fmt.Sprintf("%q", a) != fmt.Sprintf("%q", b) {
			t.Errorf("posts from %v on: Load %q, LoadSince %q", since, a, b)
		}
	})
}

// FuzzImport feeds arbitrary bytes to the tweets.js, API-page and zip
// readers.
func FuzzImport(f *testing.F) {
	f.Add([]byte(tweetsJS))
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("data/tweets.js")
	w.Write([]byte(tweetsJS))
	w, _ = zw.Create("data/account.js")
	w.Write([]byte(`window.YTD.account.part0 = [{"account": {"username": "z"}}]`))
	zw.Close()
	f.Add(zipped.Bytes())
	f.Add([]byte(`[{"id_str":"1","created_at":"Mon Jan 07 10:00:00 +0000 2019","full_text":"x","display_text_range":["0","1"]}]`))
	f.Add([]byte(`{"data":[{"id":"1","text":"a","created_at":"2024-05-01T10:00:00Z"}]}` + "\n" + `{"data":{"id":"2","text":"b","created_at":"2024-05-01T10:00:00Z"}}`))
	f.Add([]byte(`{"errors":[{"message":"x"}]}`))
	f.Add([]byte("window.YTD.tweets.part0 = [ {\"tweet\": {\"entities\": {\"urls\": [{\"url\": \"\", \"expanded_url\": \"y\"}]}}} ]"))
	f.Add([]byte("\ufeff  [] trailing"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		st, err := ReadArchive(bytes.NewReader(data), "F", "acme", func(r Record) error {
			n++
			if r.At.IsZero() || r.Source == "" || r.Account != "acme" {
				t.Errorf("bad record %+v", r)
			}
			if n%3 == 0 {
				return ErrSkip
			}
			return nil
		})
		if err != nil && !strings.HasPrefix(err.Error(), "F: ") {
			t.Errorf("error does not name the file: %v", err)
		}
		if st.Added+st.Skipped != st.Read || n > st.Read {
			t.Errorf("inconsistent stats %+v after %d callbacks", st, n)
		}
	})
}

// FuzzNormalize checks that any draft text normalises without panicking
// into single-spaced words and is found again by Lookup.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"Hello, World! \U0001F44B\U0001F3FD https://www.Example.com/a/?utm_source=x&b=2&a=1",
		"a\u200bb\ufeff \u202e", "\U0001F468\u200d\U0001F4BB", "http://[::1]:80/%zz", "mailto:x@y.z", "\xff\xfe bad utf8",
		"Tip #12: use grep to search your logs and more words here",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := Normalize(text)
		if strings.TrimSpace(n) != n || strings.Contains(n, "  ") {
			t.Errorf("Normalize(%q) = %q: not single-spaced", text, n)
		}
		ix := NewIndex()
		ix.Add(NewRecord(t0, "a", "1", "", text, false))
		m := ix.Lookup(text, t0, t0)
		if strings.TrimSpace(text) != "" && (len(m) != 1 || m[0].Kind != Identical) {
			t.Errorf("Lookup(%q) of its own record = %+v", text, m)
		}
	})
}
