package history

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// genWords is a deterministic vocabulary of pronounceable made-up words.
var genWords = func() []string {
	syl := []string{"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "da", "go", "zu", "chi", "fa", "be", "ro"}
	rng := rand.New(rand.NewPCG(7, 7))
	words := make([]string, 3000)
	for i := range words {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		words[i] = b.String()
	}
	return words
}()

// genText returns the i-th synthetic post: 6 to 35 words, some with a
// number, a mention, a hashtag or a link, as posts have.
func genText(rng *rand.Rand) string {
	n := 6 + rng.IntN(30)
	var b strings.Builder
	for j := range n {
		if j > 0 {
			b.WriteByte(' ')
		}
		switch r := rng.IntN(40); {
		case r == 0:
			fmt.Fprintf(&b, "%d", rng.IntN(1000))
		case r == 1:
			b.WriteString("#" + genWords[rng.IntN(len(genWords))])
		case r == 2:
			b.WriteString("@" + genWords[rng.IntN(len(genWords))])
		default:
			b.WriteString(genWords[rng.IntN(len(genWords))])
		}
	}
	if rng.IntN(10) == 0 {
		fmt.Fprintf(&b, " https://example.com/p/%d?utm_source=x", rng.IntN(100000))
	}
	return b.String()
}

var genStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// genRecords returns n deterministic records of 5 accounts, a minute apart.
func genRecords(n int) []Record {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	recs := make([]Record, n)
	for i := range recs {
		recs[i] = NewRecord(genStart.Add(time.Duration(i)*time.Minute), fmt.Sprintf("acct%d", i%5),
			fmt.Sprint(1_000_000_000+i), "drafts/post.md", genText(rng), true)
	}
	return recs
}

// writeHistory writes records as Append would, in one buffered pass.
func writeHistory(tb testing.TB, path string, recs []Record) int64 {
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	st, _ := f.Stat()
	f.Close()
	return st.Size()
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkLoad loads a history file and looks up one draft; it reports
// the heap the index holds per record. The newest-first file is what
// importing an archive, which lists the newest post first, writes. The
// "-month" runs load only the last 31 days (of 1.9 years), as a check of
// drafts of today does (LoadSince).
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	for _, size := range []struct {
		n           int
		newestFirst bool
		month       bool
	}{{200_000, false, false}, {200_000, true, false}, {1_000_000, false, false}, {1_000_000, false, true}} {
		n, name := size.n, fmt.Sprint(size.n)
		if size.newestFirst {
			name += "-newest-first"
		}
		var since time.Time
		if size.month {
			// The records are a minute apart from genStart.
			since = genStart.Add(time.Duration(n)*time.Minute - 31*24*time.Hour)
			n, name = 31*24*60, name+"-month"
		}
		path := filepath.Join(dir, fmt.Sprintf("history-%d-%v.jsonl", size.n, size.newestFirst))
		draft := genText(rand.New(rand.NewPCG(9, 9)))
		b.Run(name, func(b *testing.B) {
			st, err := os.Stat(path)
			if err != nil { // first run of this size: generate the file
				b.StopTimer()
				recs := genRecords(size.n)
				if size.newestFirst {
					slices.Reverse(recs)
				}
				writeHistory(b, path, recs)
				b.StartTimer()
				st, _ = os.Stat(path)
			}
			b.SetBytes(st.Size())
			var perRecord float64
			var cpu time.Duration
			for b.Loop() {
				before := heapInUse()
				c0 := cpuTime()
				ix, warns, err := LoadSince(path, since)
				if err != nil || len(warns) > 0 || ix.Len() != n {
					b.Fatalf("Load: %d records, %v %v", ix.Len(), warns, err)
				}
				ix.Lookup(draft, genStart, genStart.AddDate(10, 0, 0))
				cpu += cpuTime() - c0
				b.StopTimer()
				perRecord = float64(heapInUse()-before) / float64(n)
				runtime.KeepAlive(ix)
				b.StartTimer()
			}
			b.ReportMetric(perRecord, "heap-B/record")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

var benchIndex = struct {
	ix   *Index
	recs []Record
}{}

func millionIndex(b *testing.B) (*Index, []Record) {
	if benchIndex.ix == nil {
		recs := genRecords(1_000_000)
		ix := NewIndex()
		for _, r := range recs {
			r.Text = "" // the index never keeps it
			ix.Add(r)
		}
		benchIndex.ix, benchIndex.recs = ix, recs
	}
	return benchIndex.ix, benchIndex.recs
}

// BenchmarkLookup checks one draft against 1,000,000 records: half the
// drafts are posted texts (slightly edited), half new ones.
func BenchmarkLookup(b *testing.B) {
	ix, recs := millionIndex(b)
	rng := rand.New(rand.NewPCG(3, 3))
	drafts := make([]string, 1000)
	for i := range drafts {
		if i%2 == 0 {
			drafts[i] = "  " + recs[rng.IntN(len(recs))].Text + "!! \U0001F680"
		} else {
			drafts[i] = genText(rng)
		}
	}
	until := genStart.AddDate(10, 0, 0)
	i, found := 0, 0
	for b.Loop() {
		found += len(ix.Lookup(drafts[i%len(drafts)], genStart, until))
		i++
	}
	if found < i/2 {
		b.Fatalf("only %d matches for %d drafts", found, i)
	}
}

// BenchmarkCount runs 1,000 usage-window counts against 1,000,000 posts.
func BenchmarkCount(b *testing.B) {
	ix, _ := millionIndex(b)
	rng := rand.New(rand.NewPCG(4, 4))
	type q struct {
		acct         string
		since, until time.Time
	}
	qs := make([]q, 1000)
	for i := range qs {
		since := genStart.Add(time.Duration(rng.IntN(1_000_000)) * time.Minute)
		qs[i] = q{fmt.Sprintf("acct%d", i%6), since, since.Add(24 * time.Hour)} // acct5 is unknown
	}
	for b.Loop() {
		for _, q := range qs {
			ix.Count(q.acct, q.since, q.until)
		}
	}
}

// BenchmarkImport measures archive import throughput.
func BenchmarkImport(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 5))
	var sb strings.Builder
	sb.WriteString("window.YTD.tweets.part0 = [ ")
	for i := range 20_000 {
		if i > 0 {
			sb.WriteString(", ")
		}
		text, _ := json.Marshal(genText(rng) + " &amp; https://t.co/abc")
		fmt.Fprintf(&sb, `{"tweet": {"retweeted": false, "id_str": "%d", "created_at": "Wed Oct 10 20:19:24 +0000 2018", "display_text_range": ["0", "200"], "entities": {"urls": [{"url": "https://t.co/abc", "expanded_url": "https://example.com/x"}], "media": []}, "full_text": %s, "lang": "en"}}`, i, text)
	}
	sb.WriteString(" ]")
	path := filepath.Join(b.TempDir(), "tweets.js")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(sb.Len()))
	for b.Loop() {
		st, err := Import(path, "acme", func(Record) error { return nil })
		if err != nil || st.Added != 20_000 {
			b.Fatal(st, err)
		}
	}
}

// BenchmarkNewRecord measures fingerprinting one post (normalisation,
// two hashes and the MinHash signature).
func BenchmarkNewRecord(b *testing.B) {
	rng := rand.New(rand.NewPCG(6, 6))
	texts := make([]string, 1000)
	for i := range texts {
		texts[i] = genText(rng)
	}
	i := 0
	for b.Loop() {
		NewRecord(genStart, "acme", "1", "", texts[i%len(texts)], true)
		i++
	}
}

// BenchmarkNewRecordCorpus measures fingerprinting the posts of the mixed
// corpusgen corpus (many scripts, invisible characters, emoji, URLs), the
// texts xlint check is profiled on; ns/op is per post.
func BenchmarkNewRecordCorpus(b *testing.B) {
	texts := corpusTexts()
	i := 0
	for b.Loop() {
		NewRecord(genStart, "acme", "1", "", texts[i%len(texts)], true)
		i++
	}
}

// BenchmarkCheckRun mimics what xlint check does with the history when it
// has none: every corpus post, in time order, is looked up among the ones
// before it in a 24-hour window and then added, into a fresh index. The
// records are made beforehand (the engine makes them in parallel); ns/op
// is per post.
func BenchmarkCheckRun(b *testing.B) {
	texts := corpusTexts()
	recs := make([]Record, len(texts))
	for i, t := range texts {
		recs[i] = NewRecord(genStart.Add(time.Duration(i)*time.Minute), "acme", "",
			fmt.Sprintf("posts/%05d.md", i), t, false)
	}
	b.ResetTimer()
	var ix *Index
	found := 0
	for i := 0; b.Loop(); i++ {
		if i%len(recs) == 0 {
			ix = NewIndex()
		}
		r := recs[i%len(recs)]
		found += len(ix.LookupRecord(r, r.At.Add(-24*time.Hour), r.At))
		ix.Add(r)
	}
	b.ReportMetric(float64(found)/float64(b.N), "matches/op")
}
