package history

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// tweetsJS is a small archive data/tweets.js in X's current format.
const tweetsJS = `window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : { "initial" : { "editTweetIds" : [ "1001" ] } },
      "retweeted" : false,
      "display_text_range" : [ "0", "52" ],
      "entities" : {
        "hashtags" : [ ],
        "urls" : [ {
          "url" : "https://t.co/abc123",
          "expanded_url" : "https://example.com/post?utm_source=twitter",
          "display_url" : "example.com/post",
          "indices" : [ "29", "52" ]
        } ],
        "media" : [ { "url" : "https://t.co/media9", "indices" : [ "53", "76" ] } ]
      },
      "id_str" : "1001",
      "id" : "1001",
      "created_at" : "Wed Oct 10 20:19:24 +0000 2018",
      "full_text" : "Tips &amp; tricks &lt;3 read https://t.co/abc123 https://t.co/media9",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "id_str" : "1002",
      "created_at" : "Thu Oct 11 08:00:00 +0200 2018",
      "full_text" : "RT @someone: not mine"
    }
  },
  {
    "tweet" : {
      "retweeted" : true,
      "id_str" : "1003",
      "created_at" : "Thu Oct 11 09:00:00 +0000 2018",
      "full_text" : "also not mine"
    }
  },
  {
    "tweet" : {
      "id_str" : "1004",
      "created_at" : "Fri Oct 12 09:00:00 +0000 2018",
      "display_text_range" : [ "0", "0" ],
      "entities" : { "media" : [ { "url" : "https://t.co/pic" } ] },
      "full_text" : "https://t.co/pic"
    }
  }
]`

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeZip(t *testing.T, files map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "archive.zip", buf.Bytes())
}

func collect(path, account string) ([]Record, ImportStats, error) {
	var recs []Record
	st, err := Import(path, account, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, st, err
}

func TestImportTweetsJS(t *testing.T) {
	recs, st, err := collect(writeFile(t, "tweets.js", []byte(tweetsJS)), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if st != (ImportStats{Read: 4, Added: 2, Skipped: 2}) {
		t.Errorf("stats %+v", st)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	if r.Text != "Tips & tricks <3 read https://example.com/post?utm_source=twitter" {
		t.Errorf("text %q", r.Text)
	}
	if r.ID != "1001" || r.Account != "acme" || r.Source != "archive" || !r.At.Equal(time.Date(2018, 10, 10, 20, 19, 24, 0, time.UTC)) {
		t.Errorf("record %+v", r)
	}
	if r.Norm != NormKey("tips & tricks <3 read example.com/post") {
		t.Error("the imported record does not match its normalised text")
	}
	if m := recs[1]; m.Text != "" || m.Exact != "" || m.ID != "1004" {
		t.Errorf("media-only post: %+v", m)
	}
}

func TestImportOldTweetJS(t *testing.T) {
	old := "\ufeffwindow.YTD.tweet.part0 = [ {\n \"id_str\" : \"7\", \"retweeted\" : false,\n" +
		" \"created_at\" : \"Mon Jan 07 10:00:00 +0000 2019\", \"full_text\" : \"old format post\" } ]"
	recs, st, err := collect(writeFile(t, "tweet.js", []byte(old)), "")
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 1 || recs[0].ID != "7" || recs[0].Text != "old format post" {
		t.Errorf("%+v %+v", st, recs)
	}
}

func TestImportAPIPages(t *testing.T) {
	page := func(ids ...int) string {
		var posts []string
		for _, id := range ids {
			posts = append(posts, fmt.Sprintf(`{"id":"%d","author_id":"55","text":"api post %d","created_at":"2024-05-0%dT10:00:00.000Z"}`, id, id, id))
		}
		return `{"data":[` + strings.Join(posts, ",") + `],"includes":{"users":[{"id":"55","username":"acme"}]},"meta":{"result_count":2}}`
	}
	tests := []struct {
		name, content, account string
		ids                    []string
		accounts               string
	}{
		{"one page", page(1, 2), "", []string{"1", "2"}, "acme"},
		{"json lines", page(1, 2) + "\n" + page(3) + "\n", "flag", []string{"1", "2", "3"}, "flag"},
		{"pretty pages", "  " + strings.ReplaceAll(page(4), ",", ",\n  ") + "\n\n" + page(5), "", []string{"4", "5"}, "acme"},
		{"single post", `{"data":{"id":"9","text":"one","created_at":"2024-05-01T10:00:00Z"}}`, "", []string{"9"}, ""},
		{"retweet", `{"data":[{"id":"9","text":"x","created_at":"2024-05-01T10:00:00Z","referenced_tweets":[{"type":"retweeted","id":"1"}]}]}`, "", nil, ""},
		{"long post", `{"data":[{"id":"9","text":"short…","note_tweet":{"text":"the whole long text"},"created_at":"2024-05-01T10:00:00Z"}]}`, "", []string{"9"}, ""},
		{"empty page", `{"data":[],"meta":{"result_count":0}}`, "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, err := collect(writeFile(t, "page.json", []byte(tt.content)), tt.account)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, r := range recs {
				ids = append(ids, r.ID)
				if r.Account != tt.accounts || r.Source != "api" {
					t.Errorf("record %+v: account %q want %q", r, r.Account, tt.accounts)
				}
				if tt.name == "long post" && r.Text != "the whole long text" {
					t.Errorf("long post text %q", r.Text)
				}
			}
			if fmt.Sprint(ids) != fmt.Sprint(tt.ids) {
				t.Errorf("ids %v, want %v", ids, tt.ids)
			}
		})
	}
}

func TestImportZip(t *testing.T) {
	part1 := strings.Replace(strings.Replace(tweetsJS, "1001", "2001", -1), "1004", "2004", -1)
	path := writeZip(t, map[string]string{
		"data/tweets.js":       tweetsJS,
		"data/tweets-part1.js": part1,
		"data/account.js":      `window.YTD.account.part0 = [ { "account" : { "email" : "a@example.com", "username" : "acme_hq", "accountId" : "55" } } ]`,
		"data/like.js":         `window.YTD.like.part0 = [ ]`,
		"data/deleted-tweets.js": `window.YTD.deleted_tweets.part0 = [ { "tweet" : { "id_str" : "666",
			"created_at" : "Wed Oct 10 20:19:24 +0000 2018", "full_text" : "deleted" } } ]`,
	})
	recs, st, err := collect(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 4 || len(recs) != 4 {
		t.Fatalf("stats %+v", st)
	}
	for _, r := range recs {
		if r.Account != "acme_hq" || r.ID == "666" {
			t.Errorf("record %+v", r)
		}
	}
	if recs[0].ID != "1001" || recs[2].ID != "2001" {
		t.Errorf("tweets.js must come before tweets-part1.js: %v, %v", recs[0].ID, recs[2].ID)
	}
	if recs, _, _ := collect(path, "flag"); recs[0].Account != "flag" {
		t.Error("the account flag must win over account.js")
	}
	// A zip made on Windows may separate folders with backslashes.
	path = writeZip(t, map[string]string{
		`data\tweets.js`:  tweetsJS,
		`data\account.js`: `window.YTD.account.part0 = [ { "account" : { "username" : "acme_hq" } } ]`,
	})
	if recs, st, err := collect(path, ""); err != nil || st.Added != 2 || recs[0].Account != "acme_hq" {
		t.Errorf("backslash paths: %v, %+v, %v", err, st, recs)
	}
}

// TestImportAppendTwice: importing the same archive twice adds nothing.
func TestImportAppendTwice(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "h.jsonl")
	src := writeFile(t, "tweets.js", []byte(tweetsJS))
	for i, want := range []ImportStats{{4, 2, 2}, {4, 0, 4}} {
		ix, _, err := Load(hist)
		if err != nil {
			t.Fatal(err)
		}
		st, err := ImportAppend(hist, src, "acme", ix, false, nil)
		if err != nil || st != want {
			t.Errorf("import %d: %+v %v, want %+v", i+1, st, err, want)
		}
	}
	ix, _, _ := Load(hist)
	if ix.Len() != 2 {
		t.Errorf("%d records after two imports", ix.Len())
	}
	data, _ := os.ReadFile(hist)
	if bytes.Contains(data, []byte("tricks")) {
		t.Error("storeText false wrote the text")
	}
}

// TestImportAppendNilIndex: without the history's index, ImportAppend
// could not skip the posts already recorded: it is an error, not a panic,
// and the history is left alone.
func TestImportAppendNilIndex(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "h.jsonl")
	src := writeFile(t, "tweets.js", []byte(tweetsJS))
	_, err := ImportAppend(hist, src, "acme", nil, true, nil)
	if err == nil || !strings.Contains(err.Error(), "nil Index") {
		t.Errorf("error %v; want one about the nil Index", err)
	}
	if _, err := os.Stat(hist); err == nil {
		t.Error("the history file was written")
	}
}

// TestImportBad: bad input ends in a clear error naming the file, and the
// history file is not touched.
func TestImportBad(t *testing.T) {
	old := zipLimits
	zipLimits.entry = 64 << 20
	t.Cleanup(func() { zipLimits = old })

	bomb := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("data/tweets.js")
		zeros := make([]byte, 1<<20)
		for range 40 {
			w.Write(zeros)
		}
		zw.Close()
		return buf.Bytes()
	}
	bigEntry := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: "data/tweets.js", Method: zip.Store})
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for range 65 {
			w.Write(chunk)
		}
		zw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty file"},
		{"not json", []byte("hello, world"), "not an X archive or API page"},
		{"html", []byte("<!doctype html><html></html>"), "not an X archive or API page"},
		{"bad prefix", []byte("window.YTD.tweets.part0 [1]"), "not an X archive file"},
		{"array of numbers", []byte("window.YTD.tweets.part0 = [1, 2]"), "post 1: not an X archive post"},
		{"truncated", []byte(tweetsJS[:400]), "unexpected end of file"},
		{"object without data", []byte(`{"foo": 1}`), `not an API page (no "data")`},
		{"api error", []byte(`{"errors":[{"message":"Not Found","detail":" (user)"}]}`), "an API error response: Not Found"},
		{"data of strings", []byte(`{"data": ["a"]}`), "page 1: not an API page"},
		{"bad field type", []byte(`[{"tweet": {"full_text": 5, "created_at": "x"}}]`), "post 1"},
		{"huge post", []byte(`[{"tweet": {"full_text": "` + strings.Repeat("a", MaxPostBytes+10) + `"}}]`), "post 1: a post is larger than"},
		{"huge page", []byte(`{"data": [{"id": "1", "text": "ok", "created_at": "2026-01-01T00:00:00Z"}]}` +
			`{"data": [` + strings.Repeat(`{"id": "2", "text": "a post", "created_at": "2026-01-01T00:00:00Z"}, `, MaxPostBytes/64) + `{}]}`),
			"page 2: the page is larger than 16777216 bytes (the API returns at most 100 posts a page)"},
		{"zip without tweets", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("data/like.js")
			w.Write([]byte("window.YTD.like.part0 = []"))
			zw.Close()
			return buf.Bytes()
		}(), "no data/tweets.js"},
		{"zip bomb", bomb(), "zip bomb"},
		{"zip entry too large", bigEntry(), "more than the"},
		{"broken zip", []byte("PK\x03\x04 garbage"), "not a readable zip archive"},
	}
	hist := filepath.Join(t.TempDir(), "h.jsonl")
	if err := Append(hist, NewRecord(t0, "acme", "1", "", "already here", true)); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(hist)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "archive.bin", tt.data)
			ix, _, err := Load(hist)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ImportAppend(hist, path, "acme", ix, true, nil)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to name the file and say %q", err, tt.want)
			}
			if after, _ := os.ReadFile(hist); !bytes.Equal(before, after) {
				t.Error("a failed import changed the history file")
			}
		})
	}
}

func TestReadArchiveZip(t *testing.T) {
	data, _ := os.ReadFile(writeZip(t, map[string]string{"data/tweets.js": tweetsJS}))
	st, err := ReadArchive(bytes.NewReader(data), "x.zip", "", func(Record) error { return nil })
	if err != nil || st.Added != 2 {
		t.Errorf("from a bytes.Reader: %+v %v", st, err)
	}
	// A plain stream cannot be read as a zip.
	_, err = ReadArchive(io.MultiReader(bytes.NewReader(data)), "x.zip", "", func(Record) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "x.zip: a zip archive") {
		t.Errorf("from a stream: %v", err)
	}
}

func TestImportAppendReportsProgress(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "pages.jsonl")
	var b strings.Builder
	for page := range 25 {
		b.WriteString(`{"data":[`)
		for i := range 1000 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"%d","text":"post %d of page %d","created_at":"2026-11-01T10:00:00Z"}`, page*1000+i+1, i, page)
		}
		b.WriteString("]}\n")
	}
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var reports []ImportStats
	st, err := ImportAppend(filepath.Join(dir, "h.jsonl"), src, "acme", NewIndex(), false, func(s ImportStats) { reports = append(reports, s) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 25000 || len(reports) != 2 || reports[0].Read != 10000 || reports[1].Read != 20000 || reports[1].Added != 20000 {
		t.Errorf("stats %+v, progress %+v", st, reports)
	}
}

func TestIsTweetsEntry(t *testing.T) {
	re := regexp.MustCompile(`^tweets?(-part[0-9]+)?\.js$`)
	for _, name := range []string{"tweets.js", "tweet.js", "tweets-part1.js", "tweet-part12.js", "tweetss.js", "tweets-part.js",
		"tweets-partx.js", "tweets.json", "xtweets.js", "tweets-part1.jsx", "tweets.js.bak", "deleted-tweets.js", "tweets-part01.js", ""} {
		if got, want := isTweetsEntry(name), re.MatchString(name); got != want {
			t.Errorf("isTweetsEntry(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestImportNewestFirst: an archive lists the newest post first. After
// importing one into an index that already holds posts, and after loading
// the history file it wrote, counts and lookups are those of the same
// posts added in time order.
func TestImportNewestFirst(t *testing.T) {
	dir := t.TempDir()
	recs := genRecords(3000)
	var sb strings.Builder
	sb.WriteString("window.YTD.tweets.part0 = [ ")
	for i := len(recs) - 1; i >= 1000; i-- {
		if i < len(recs)-1 {
			sb.WriteString(", ")
		}
		text, _ := json.Marshal(recs[i].Text)
		fmt.Fprintf(&sb, `{"tweet": {"id_str": %q, "created_at": %q, "full_text": %s}}`, recs[i].ID, recs[i].At.Format(time.RubyDate), text)
	}
	sb.WriteString(" ]")
	src := writeFile(t, "tweets.js", []byte(sb.String()))
	hist := filepath.Join(dir, "h.jsonl")
	ix := NewIndex()
	want := NewIndex()
	for _, r := range recs[:1000] {
		r.Account = "acme"
		ix.Add(r)
		if err := Append(hist, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ImportAppend(hist, src, "acme", ix, true, nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		r.Account = "acme"
		want.Add(r)
	}
	loaded, _, err := Load(hist)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(4, 4))
	for _, got := range []*Index{ix, loaded} {
		if got.Len() != len(recs) {
			t.Fatalf("%d records, want %d", got.Len(), len(recs))
		}
		for range 300 {
			since := genStart.Add(time.Duration(rng.IntN(3000)) * time.Minute)
			until := since.Add(time.Duration(rng.IntN(600)) * time.Minute)
			n, oldest := got.Count("acme", since, until)
			wn, wOldest := want.Count("acme", since, until)
			if n != wn || !oldest.Equal(wOldest) {
				t.Fatalf("Count(%v, %v) = %d, %v; want %d, %v", since, until, n, oldest, wn, wOldest)
			}
			r := recs[rng.IntN(len(recs))]
			m, wm := got.Lookup(r.Text, since, until.Add(24*time.Hour)), want.Lookup(r.Text, since, until.Add(24*time.Hour))
			if len(m) != len(wm) || len(m) > 0 && m[0].Record.ID != wm[0].Record.ID {
				t.Fatalf("Lookup(%q): %d matches, want %d", r.Text, len(m), len(wm))
			}
		}
	}
}

// TestImportEntityBombs: an archive post's entities cost a pass over its
// text each at most, and links expand once: a 551-byte post whose links
// expanded into each other took 7 GB, and a post of n media entries n
// passes of n.
func TestImportEntityBombs(t *testing.T) {
	post := func(text string, entities string) string {
		return `window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "1", "created_at" : "Mon Jan 02 15:04:05 +0000 2024",` +
			`"full_text" : "` + text + `", "entities" : {` + entities + `} } } ]`
	}
	repeat := func(item string, n int) string { return strings.TrimSuffix(strings.Repeat(item+",", n), ",") }
	for _, tc := range []struct {
		name, js string
		maxLen   int
	}{
		{"links expanding into links", post(strings.Repeat("a", 100),
			`"urls" : [`+repeat(`{"url":"a","expanded_url":"`+strings.Repeat("a", 10)+`"}`, 12)+`]`), 1000},
		{"a long link for a short one", post(strings.Repeat("a ", 50000),
			`"urls" : [{"url":"a","expanded_url":"`+strings.Repeat("b", 100000)+`"}]`), 100000},
		{"media links by the thousand", post(strings.Repeat("a", 200000),
			`"media" : [`+repeat(`{"url":"a"}`, 200000)+`]`), 200000},
		{"links that match nothing", post(strings.Repeat("a", 1<<20),
			`"urls" : [`+repeat(`{"url":"b","expanded_url":"c"}`, 50000)+`]`), 1 << 20},
	} {
		var got []Record
		if _, err := ReadArchive(strings.NewReader(tc.js), "tweets.js", "acme", func(r Record) error {
			got = append(got, r)
			return nil
		}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(got) != 1 || len(got[0].Text) > tc.maxLen {
			t.Errorf("%s: %d records, text of %d bytes; want one of at most %d", tc.name, len(got), len(got[0].Text), tc.maxLen)
		}
	}
}
