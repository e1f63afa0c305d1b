package history

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestAppendLoadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "history.jsonl")
	recs := []Record{
		NewRecord(t0, "acme", "100", "drafts/a.md", "Launch day \U0001F680 see https://example.com/x?utm_source=x", true),
		NewRecord(t0.Add(time.Minute), "acme", "", "drafts/b.md", "line one\nline \"two\" <b>&amp;</b>", true),
		NewRecord(t0.Add(2*time.Minute), "other", "101", "archive", "We just released version two of the tool with faster checks and better messages", false),
	}
	if err := Append(path, recs[:1]...); err != nil {
		t.Fatal(err)
	}
	if err := Append(path, recs[1:]...); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []Record
	warns, err := ReadRecords(f, path, func(r Record) error { got = append(got, r); return nil })
	f.Close()
	if err != nil || len(warns) > 0 {
		t.Fatalf("ReadRecords: %v %v", warns, err)
	}
	if len(got) != len(recs) {
		t.Fatalf("read %d records, want %d", len(got), len(recs))
	}
	for i := range recs {
		if !got[i].At.Equal(recs[i].At) {
			t.Errorf("record %d: at %v, want %v", i, got[i].At, recs[i].At)
		}
		got[i].At = recs[i].At
		if got[i] != recs[i] {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got[i], recs[i])
		}
	}
	if recs[2].Text != "" || recs[2].Sim == "" {
		t.Errorf("storeText false must drop the text and keep the signature: %+v", recs[2])
	}
	ix, warns, err := Load(path)
	if err != nil || len(warns) > 0 {
		t.Fatalf("Load: %v %v", warns, err)
	}
	if ix.Len() != 3 || !ix.HasID("101") || ix.HasID("102") || ix.HasID("") {
		t.Errorf("Load: len %d, ids wrong", ix.Len())
	}
	m := ix.Lookup("launch day see example.com/x", t0, t0)
	if len(m) != 1 || m[0].Kind != Normalized || m[0].Record.ID != "100" || m[0].Record.Source != "drafts/a.md" {
		t.Errorf("Lookup after Load: %+v", m)
	}
}

func TestAppendRefusesRecordsWithoutTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	err := Append(path, NewRecord(t0, "acme", "1", "", "fine", true), Record{Text: "no time"})
	if err == nil || !strings.Contains(err.Error(), "record 2 has no valid time") {
		t.Errorf("error %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a refused append created the file")
	}
}

// TestAppendWritesWhatLoadReads: a record Load would skip (a newer
// version) is refused before anything is written, and a hand-built
// record's account is written without "@", as NewRecord makes it.
func TestAppendWritesWhatLoadReads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	err := Append(path, NewRecord(t0, "acme", "1", "", "fine", true), Record{V: RecordVersion + 6, At: t0, Account: "c", Text: "x"})
	if err == nil || !strings.Contains(err.Error(), "record 2 has version 7, newer than this xlint writes (1)") {
		t.Errorf("error %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a refused append created the file")
	}
	if err := Append(path, Record{At: t0, Account: "@Acme", Text: "hello there world"}); err != nil {
		t.Fatal(err)
	}
	ix, warns, err := Load(path)
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	if st := ix.Stats(); len(st) != 1 || st[0].Account != "Acme" {
		t.Errorf("stats %+v; want one post by Acme", st)
	}
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, []byte(`{"v":1,`)) || !bytes.Contains(b, []byte(`"account":"Acme"`)) {
		t.Errorf("file %s; want version 1 and account Acme", b)
	}
}

func TestLoadMissingFile(t *testing.T) {
	ix, warns, err := Load(filepath.Join(t.TempDir(), "none.jsonl"))
	if err != nil || len(warns) != 0 || ix.Len() != 0 {
		t.Errorf("missing file: %v %v %d", warns, err, ix.Len())
	}
}

// TestDamagedLines checks that each bad line costs only itself and is
// reported with its line number.
func TestDamagedLines(t *testing.T) {
	good := func(id string) string {
		var b bytes.Buffer
		r := NewRecord(t0, "acme", id, "", "post "+id, true)
		b.WriteString(fmt.Sprintf(`{"v":1,"at":%q,"account":"acme","id":%q,"text":%q,"exact":%q,"norm":%q}`,
			r.At.Format(time.RFC3339Nano), id, r.Text, r.Exact, r.Norm))
		return b.String()
	}
	tests := []struct {
		name      string
		content   string
		ids       []string
		warnings  []string
		noRecords bool // ErrNoRecords too
	}{
		{"clean", good("1") + "\n" + good("2") + "\n", []string{"1", "2"}, nil, false},
		{"blank lines", "\n" + good("1") + "\n\n  \n", []string{"1"}, nil, false},
		{"byte order mark", "\uFEFF" + good("1") + "\n" + good("2") + "\n", []string{"1", "2"}, nil, false},
		{"byte order mark, then a blank line", "\uFEFF\n" + good("1") + "\n", []string{"1"}, nil, false},
		{"byte order mark not at the start", good("1") + "\n\uFEFF" + good("2") + "\n", []string{"1"}, []string{"F:2: not a history record"}, false},
		{"torn last line", good("1") + "\n" + good("2")[:30], []string{"1"}, []string{"F:2: incomplete last line"}, false},
		{"complete last line without newline", good("1") + "\n" + good("2"), []string{"1"}, []string{"F:2: incomplete last line"}, false},
		{"bad middle line", good("1") + "\n{nope\n" + good("3") + "\n", []string{"1", "3"}, []string{"F:2: not a history record"}, false},
		{"torn then appended", good("1") + "\n" + good("2")[:20] + "\n" + good("3") + "\n", []string{"1", "3"}, []string{"F:2: not a history record"}, false},
		{"no time", `{"v":1,"id":"9","exact":"0000000000000000","norm":"0000000000000000"}` + "\n" + good("1") + "\n", []string{"1"}, []string{`F:1: record has no "at" time`}, false},
		{"time out of range", `{"v":1,"at":"1000-01-01T00:00:00Z","exact":"0000000000000000","norm":"0000000000000000"}` + "\n" + `{"v":1,"at":"0001-01-01T00:00:00Z","exact":"0000000000000000","norm":"0000000000000000"}` + "\n" + `{"v":1,"at":"9999-01-01T00:00:00Z","text":"slow path"}` + "\n" + good("1") + "\n", []string{"1"},
			[]string{"F:1: record time 1000-01-01T00:00:00Z is outside the years 1678 to 2261", "F:2: record time 0001-01-01T00:00:00Z is outside", "F:3: record time 9999-01-01T00:00:00Z is outside"}, false},
		{"future version", `{"v":2,"at":"2026-01-01T00:00:00Z","id":"9"}` + "\n", nil, []string{"F:1: record version 2 is newer"}, false},
		{"torn line ended by an append, the rest pruned", `{"v":1,"at":"2026-` + "\n", nil, []string{"F:1: not a history record"}, false},
		{"future version next to one read", `{"v":2,"at":"2026-01-01T00:00:00Z","id":"9"}` + "\n" + good("1") + "\n", []string{"1"}, []string{"F:1: record version 2 is newer"}, false},
		{"wrong type", `{"v":1,"at":"2026-01-01T00:00:00Z","id":9}` + "\n", nil, []string{`F:1: not a history record: "id" is not a string`}, false},
		{"another program's JSON", `{"name":"x","version":2}` + "\n" + `[1,2]` + "\n", nil, []string{`F:1: record has no "at" time`, "F:2: not a history record"}, true},
		{"not a history file", "---\naccount: acme\n---\nHello\n", nil, []string{"F:1: not a history record", "F:2:", "F:3:", "F:4:"}, true},
		{"only a torn line", good("1")[:30], nil, []string{"F:1: incomplete last line"}, false},
		{"blank", "\n \n", nil, nil, false},
		{"too long", good("1") + "\n" + `{"text":"` + strings.Repeat("x", MaxLineBytes) + `"}` + "\n" + good("3") + "\n", []string{"1", "3"}, []string{"F:2: line longer than"}, false},
		{"long but allowed", `{"v":1,"at":"2026-01-01T00:00:00Z","id":"5","text":"` + strings.Repeat("x", 300<<10) + `"}` + "\n" + good("1") + "\n", []string{"5", "1"}, nil, false},
		{"nested value takes the slow path", `{"v":1,"at":"2026-01-01T00:00:00Z","id":"7","extra":{"a":[1]},"text":"hi"}` + "\n", []string{"7"}, nil, false},
		{"escaped id", `{"v":1,"at":"2026-01-01T00:00:00+02:00","id":"\u0037","text":"hi"}` + "\n", []string{"7"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(what string, ids []string, warns []Warning) {
				if fmt.Sprint(ids) != fmt.Sprint(tt.ids) {
					t.Errorf("%s: ids %v, want %v", what, ids, tt.ids)
				}
				if len(warns) != len(tt.warnings) {
					t.Fatalf("%s: warnings %v, want %v", what, warns, tt.warnings)
				}
				for i, w := range warns {
					if !strings.HasPrefix(w.Error(), tt.warnings[i]) {
						t.Errorf("%s: warning %q, want prefix %q", what, w.Error(), tt.warnings[i])
					}
				}
			}
			var ids []string
			warns, err := ReadRecords(strings.NewReader(tt.content), "F", func(r Record) error {
				ids = append(ids, r.ID)
				return nil
			})
			if !errors.Is(err, ErrNoRecords) && err != nil || tt.noRecords != (err != nil) {
				t.Fatalf("ReadRecords: error %v, want ErrNoRecords %v", err, tt.noRecords)
			}
			check("ReadRecords", ids, warns)

			path := filepath.Join(t.TempDir(), "F")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			ix, warns, err := Load(path)
			if !errors.Is(err, ErrNoRecords) && err != nil || tt.noRecords != (err != nil) {
				t.Fatalf("Load: error %v, want ErrNoRecords %v", err, tt.noRecords)
			}
			if err != nil {
				return
			}
			for i := range warns {
				warns[i].File = "F"
			}
			ids = nil
			for i := range ix.entries {
				ids = append(ids, ix.record(int32(i)).ID)
			}
			check("Load", ids, warns)
			if ix.Len() > 0 && len(ix.Lookup("hi", time.Time{}, t0.AddDate(10, 0, 0)))+len(ix.Lookup("post 1", time.Time{}, t0.AddDate(10, 0, 0))) == 0 {
				t.Error("loaded records are not found by Lookup")
			}
		})
	}
}

// TestAppendAfterTornLine: a crash mid-record costs that record only; the
// next Append starts a new line.
func TestAppendAfterTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	if err := Append(path, NewRecord(t0, "acme", "1", "", "first post", true)); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"v":1,"at":"2026-03-01T12:00:00Z","id":"2","tex`)
	f.Close()
	if err := Append(path, NewRecord(t0, "acme", "3", "", "third post", true)); err != nil {
		t.Fatal(err)
	}
	ix, warns, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 2 || !ix.HasID("1") || !ix.HasID("3") || ix.HasID("2") {
		t.Errorf("after a torn line: %d records", ix.Len())
	}
	if len(warns) != 1 || warns[0].Line != 2 {
		t.Errorf("warnings %v, want one for line 2", warns)
	}
}

const appendChildEnv = "XLINT_HISTORY_APPEND_CHILD"

// TestConcurrentAppend runs 8 processes appending 200 records each to one
// file and finds every record afterwards.
func TestConcurrentAppend(t *testing.T) {
	if spec := os.Getenv(appendChildEnv); spec != "" {
		return // the child's work is done in TestMain
	}
	const procs, each = 8, 200
	path := filepath.Join(t.TempDir(), "h.jsonl")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmds := make([]*exec.Cmd, procs)
	for p := range cmds {
		cmd := exec.Command(exe, "-test.run=^TestConcurrentAppend$")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s,%d,%d", appendChildEnv, path, p, each))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[p] = cmd
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("child %d: %s", p, out.String())
			}
		})
	}
	for p, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child %d: %v", p, err)
		}
	}
	ix, warns, err := Load(path)
	if err != nil || len(warns) > 0 {
		t.Fatalf("Load: %v %v", warns, err)
	}
	if ix.Len() != procs*each {
		t.Errorf("%d records, want %d", ix.Len(), procs*each)
	}
	for p := 0; p < procs; p++ {
		for i := 0; i < each; i++ {
			if id := fmt.Sprintf("%d-%d", p, i); !ix.HasID(id) {
				t.Fatalf("record %s lost", id)
			}
		}
	}
}

// appendChild is the child side of TestConcurrentAppend: it appends its
// records one Append call at a time, to interleave with the others.
func appendChild(spec string) error {
	parts := strings.Split(spec, ",")
	if len(parts) != 3 {
		return fmt.Errorf("bad spec %q", spec)
	}
	p, _ := strconv.Atoi(parts[1])
	n, _ := strconv.Atoi(parts[2])
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("process %d says hello number %d %s", p, i, strings.Repeat("padding ", i%50))
		if err := Append(parts[0], NewRecord(t0.Add(time.Duration(i)*time.Second), fmt.Sprintf("acct%d", p), fmt.Sprintf("%d-%d", p, i), "", text, true)); err != nil {
			return err
		}
	}
	return nil
}

func TestMain(m *testing.M) {
	if spec := os.Getenv(appendChildEnv); spec != "" {
		if err := appendChild(spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestPrune(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	var recs []Record
	for i := 0; i < 10; i++ {
		recs = append(recs, NewRecord(t0.Add(time.Duration(i)*time.Hour), "acme", strconv.Itoa(i), "", fmt.Sprintf("post number %d", i), true))
	}
	if err := Append(path, recs...); err != nil {
		t.Fatal(err)
	}
	// A damaged line survives pruning untouched.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("{damaged\n")
	f.Close()
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	removed, err := Prune(path, t0.Add(4*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if removed != 4 {
		t.Errorf("removed %d, want 4", removed)
	}
	ix, warns, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 6 || ix.HasID("3") || !ix.HasID("4") || !ix.HasID("9") {
		t.Errorf("after prune: %d records", ix.Len())
	}
	if len(warns) != 1 {
		t.Errorf("the damaged line should remain: warnings %v", warns)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("prune changed the file mode: %v %v", st.Mode(), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("prune left files behind: %v", entries)
	}
	// Appends after a prune go to the new file.
	if err := Append(path, NewRecord(t0.Add(20*time.Hour), "acme", "20", "", "later post", true)); err != nil {
		t.Fatal(err)
	}
	if ix, _, _ := Load(path); !ix.HasID("20") || ix.Len() != 7 {
		t.Error("append after prune lost")
	}
	if n, err := Prune(filepath.Join(t.TempDir(), "missing"), t0); n != 0 || err != nil {
		t.Errorf("prune of a missing file: %d %v", n, err)
	}
}

// TestPruneWhileAppending: appends racing a prune land in the new file,
// none lost, because Append checks after locking that its file is still
// the one at the path.
func TestPruneWhileAppending(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	var old []Record
	for i := 0; i < 500; i++ {
		old = append(old, NewRecord(t0, "acme", fmt.Sprint("old", i), "", "old post", false))
	}
	if err := Append(path, old...); err != nil {
		t.Fatal(err)
	}
	const writers, each = 4, 50
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		go func() {
			for i := 0; i < each; i++ {
				if err := Append(path, NewRecord(t0.Add(time.Hour), "acme", fmt.Sprintf("new%d-%d", w, i), "", "new post", false)); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	pruned := 0
	for i := 0; i < 20; i++ {
		n, err := Prune(path, t0.Add(time.Minute))
		if err != nil && !strings.Contains(err.Error(), "replaced while pruning") {
			t.Fatal(err)
		}
		pruned += n
	}
	for w := 0; w < writers; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	ix, warns, err := Load(path)
	if err != nil || len(warns) > 0 {
		t.Fatal(warns, err)
	}
	if pruned != len(old) || ix.Len() != writers*each {
		t.Errorf("pruned %d (want %d), kept %d (want %d)", pruned, len(old), ix.Len(), writers*each)
	}
}

// TestLoadSameIDTwice: a history holding a post twice under its X id (two
// branches that imported one archive, merged with merge=union; imports
// that overlapped) counts it once; posts without an id all count.
func TestLoadSameIDTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	recs := []Record{
		NewRecord(t0, "acme", "100", "archive", "first post", false),
		NewRecord(t0.Add(time.Minute), "acme", "x-1", "archive", "an id that is not a number", false),
		NewRecord(t0.Add(2*time.Minute), "acme", "", "a.md", "no id", false),
	}
	for range 2 {
		if err := Append(path, recs...); err != nil {
			t.Fatal(err)
		}
	}
	// The same post again, its id escaped: the slow path reads it.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, `{"v":1,"at":%q,"account":"acme","id":"\u0031\u0030\u0030","text":"first post"}`+"\n", t0.Format(time.RFC3339))
	f.Close()
	ix, warns, err := Load(path)
	if err != nil || len(warns) > 0 {
		t.Fatalf("Load: %v %v", warns, err)
	}
	if n, _ := ix.Count("acme", t0, t0.Add(time.Hour)); n != 4 || ix.Len() != 4 {
		t.Errorf("Count = %d, Len = %d; want 4: each id once, and both posts without one", n, ix.Len())
	}
}

// TestAppendLongText: a record too long to read back is written without
// its text; its fingerprints still find it.
func TestAppendLongText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	text := strings.Repeat("word ", MaxLineBytes/4)
	if err := Append(path, NewRecord(t0, "acme", "1", "a.md", text, true), NewRecord(t0, "acme", "2", "b.md", "short", true)); err != nil {
		t.Fatal(err)
	}
	ix, warns, err := Load(path)
	if err != nil || len(warns) > 0 {
		t.Fatalf("Load: %v %v", warns, err)
	}
	if ix.Len() != 2 {
		t.Fatalf("Len = %d, want 2", ix.Len())
	}
	if m := ix.Lookup(text, t0, t0.Add(time.Second)); len(m) != 1 || m[0].Kind != Identical {
		t.Errorf("Lookup of the long text = %+v, want it identical", m)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(string(data), "\n"); len(lines) != 3 || strings.Contains(lines[0], `"text"`) || !strings.Contains(lines[1], `"text":"short"`) {
		t.Errorf("want the long text dropped and the short one kept:\n%.300s", data)
	}
	bad := NewRecord(t0, strings.Repeat("a", MaxLineBytes), "", "", "x", true)
	if err := Append(path, NewRecord(t0, "acme", "3", "c.md", "fine", true), bad); err == nil || !strings.Contains(err.Error(), "nothing appended") {
		t.Errorf("a record too long without its text: %v", err)
	}
	if ix, _, _ := Load(path); ix.Len() != 2 {
		t.Errorf("after the refused Append, Len = %d, want 2", ix.Len())
	}
}

// TestLoadSince: records older than the time are left out, those Append
// wrote without being parsed (a broken one raises no warning); every
// record from then on is loaded, whatever its line looks like.
func TestLoadSince(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	since := t0.Add(-24 * time.Hour)
	var recs []Record
	for i := range 10 { // one every 6 hours, 60 hours back to 6 hours back
		at := t0.Add(time.Duration(i-10) * 6 * time.Hour)
		recs = append(recs, NewRecord(at, "acme", fmt.Sprint(100+i), "a.md", fmt.Sprintf("post %d of the series, with enough words to sign", i), true))
	}
	if err := Append(path, recs...); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	old, recent := since.Add(-time.Hour).Format(time.RFC3339Nano), since.Add(time.Hour).Format(time.RFC3339Nano)
	lines := []string{
		// Old, as Append writes, broken further on: skipped, unread.
		`{"v":1,"at":"` + old + `","account":"acme","text":"broken`,
		// Recent, keys in another order: read.
		`{"at":"` + recent + `","v":1,"account":"acme","id":"200","text":"keys in another order"}`,
		// Old at first sight, but its second "at", the one that counts,
		// is recent: read.
		`{"v":1,"at":"` + old + `","account":"acme","id":"201","at":"` + recent + `","text":"two times"}`,
		// Old, with an offset instead of Z: read, and left in.
		`{"v":1,"at":"` + since.Add(-time.Hour).In(time.FixedZone("", 3600)).Format(time.RFC3339) + `","account":"acme","id":"202","text":"offset"}`,
		// Recent and broken: a warning.
		`{"v":1,"at":"` + recent + `","account":"acme","text":"broken`,
	}
	for _, l := range lines {
		fmt.Fprintln(f, l)
	}
	f.Close()

	all, warns, err := Load(path)
	if err != nil || len(warns) != 2 {
		t.Fatalf("Load: %v %v; want two warnings", warns, err)
	}
	ix, warns, err := LoadSince(path, since)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || warns[0].Line != 15 {
		t.Errorf("LoadSince warnings %v; want the recent broken line's (15) alone", warns)
	}
	// Posts 6 to 9 of the series (24 h to 6 h back) and ids 200 and 201
	// are recent; id 202 is old but was read.
	if n, _ := ix.Count("acme", since, t0); n != 6 {
		t.Errorf("Count since = %d, want 6", n)
	}
	if want, _ := all.Count("acme", since, t0); want != 6 {
		t.Errorf("Load's Count since = %d, want 6", want)
	}
	if ix.Len() != 7 || !ix.HasID("202") || ix.HasID("105") {
		t.Errorf("LoadSince kept %d records (id 202 %v, id 105 %v); want 7: the recent ones and id 202", ix.Len(), ix.HasID("202"), ix.HasID("105"))
	}
	// Duplicates are found as from the whole history.
	for _, r := range recs[6:] {
		got, want := ix.Lookup(r.Text, since, t0), all.Lookup(r.Text, since, t0)
		if len(got) != 1 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Lookup(%q) = %v, Load's %v", r.Text, got, want)
		}
	}
	// The zero time is Load.
	if ix, _, _ := LoadSince(path, time.Time{}); ix.Len() != all.Len() {
		t.Errorf("LoadSince(zero) kept %d records, Load %d", ix.Len(), all.Len())
	}
}

// TestLoadManyBadLines: a file of junk gives maxWarnings warnings and one
// that counts the rest, and a warning does not quote a huge line whole.
func TestLoadManyBadLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	data := `{"at":"2026-03-01T12:00:00Z","v":` + strings.Repeat("1", 5000) + `}` + "\n" + strings.Repeat("x\n", 100000)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, warns, err := Load(path); !errors.Is(err, ErrNoRecords) || len(warns) != maxWarnings+1 {
		t.Fatalf("junk only: %d warnings, error %v; want ErrNoRecords", len(warns), err)
	}
	// The same junk around one record.
	data += `{"v":1,"at":"2026-03-01T12:00:00Z","text":"one"}` + "\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	_, warns, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != maxWarnings+1 {
		t.Fatalf("%d warnings, want %d and a count", len(warns), maxWarnings)
	}
	if n := len(warns[0].Msg); n > maxWarningMsg+20 {
		t.Errorf("the first warning is %d bytes long: %.80s...", n, warns[0].Msg)
	}
	last := warns[maxWarnings]
	if last.Line != maxWarnings+1 || last.Msg != "99981 more bad lines, the first here, skipped" {
		t.Errorf("last warning = %+v", last)
	}
	// One bad line past the first 20 is reported as itself.
	if err := os.WriteFile(path, []byte(strings.Repeat("x\n", maxWarnings)+"y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, warns, _ := Load(path); len(warns) != maxWarnings+1 || !strings.HasPrefix(warns[maxWarnings].Msg, "not a history record") {
		t.Errorf("21 bad lines: %d warnings, the last %+v", len(warns), warns[len(warns)-1])
	}
}

func TestIndexSize(t *testing.T) {
	for size, want := range map[int64]int{-1: 0, 0: 0, 420_000_000: 1 << 20, 4000: 10, 27 << 30: 1 << 20} {
		if got := indexSize(size); got != want {
			t.Errorf("indexSize(%d) = %d, want %d", size, got, want)
		}
	}
}
