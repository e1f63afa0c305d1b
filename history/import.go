package history

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xlint/xlint/internal/regular"
)

// ImportStats counts what an import saw.
type ImportStats struct {
	Read    int // posts read from the file
	Added   int // posts the callback accepted
	Skipped int // retweets, posts without a valid date, and posts the callback skipped
}

// ErrSkip, returned by an Import callback, counts the record as skipped
// rather than added and lets the import go on. Return it for posts already
// in the history (Index.HasID, or use Index.AddNew).
var ErrSkip = errors.New("post skipped")

// Limits on what an import reads, so that a damaged or hostile archive
// cannot exhaust memory or disk bandwidth.
const (
	// MaxPostBytes bounds one post object of an archive, and one API
	// page.
	MaxPostBytes = 16 << 20
	// MaxZipEntryBytes bounds the uncompressed size read from one entry
	// of an archive .zip.
	MaxZipEntryBytes = 2 << 30
	// MaxZipRatio bounds an entry's uncompressed-to-compressed ratio;
	// X's JSON compresses about 10:1, zip bombs by a thousand or more.
	MaxZipRatio = 100
)

// zipLimits are the limits in force; tests lower them.
var zipLimits = struct{ entry, ratio int64 }{MaxZipEntryBytes, MaxZipRatio}

// Import streams the posts of an X data archive or API response file to fn,
// oldest format quirks handled, one record at a time; it never writes. The
// file is recognised by its content:
//   - the archive .zip itself: its data/tweets.js, data/tweets-part1.js...
//     (or the older data/tweet.js) are read, and the account comes from
//     data/account.js when account is "";
//   - one of those .js files ("window.YTD.tweets.part0 = [ ... ]"), or the
//     bare JSON array;
//   - API v2 responses {"data":[{"id","text","created_at"}]}, one page or
//     one page a line.
//
// Retweets are skipped; HTML entities are unescaped, t.co links replaced by
// their expanded URLs and trailing media links dropped, so the record's text
// is what the author typed. A post with no text left (media only) keeps no
// fingerprints: it counts towards usage caps but never as a duplicate.
// fn's error stops the import and is returned, except ErrSkip. Records carry
// their text; clear Record.Text before storing when texts are not kept.
func Import(path, account string, fn func(Record) error) (ImportStats, error) {
	f, _, err := regular.Open(path)
	if err != nil {
		return ImportStats{}, err
	}
	defer f.Close()
	return ReadArchive(f, path, account, fn)
}

// isTweetsEntry reports whether an archive file holds the account's posts:
// tweets.js or tweet.js, or a part of a split archive (tweets-part1.js).
func isTweetsEntry(name string) bool {
	rest, ok := strings.CutPrefix(name, "tweet")
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, "s")
	if rest, ok = strings.CutSuffix(rest, ".js"); !ok {
		return false
	}
	if rest == "" {
		return true
	}
	part, ok := strings.CutPrefix(rest, "-part")
	if !ok || part == "" {
		return false
	}
	for i := 0; i < len(part); i++ {
		if part[i] < '0' || part[i] > '9' {
			return false
		}
	}
	return true
}

func importZip(r io.ReaderAt, size int64, name, account string, fn func(Record) error) (ImportStats, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return ImportStats{}, fmt.Errorf("%s: not a readable zip archive: %w", name, err)
	}
	var tweets []*zip.File
	var accountFile *zip.File
	for _, f := range zr.File {
		// Zips made on Windows (PowerShell's Compress-Archive) may
		// separate folders with a backslash.
		base := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
		switch {
		case isTweetsEntry(base):
			tweets = append(tweets, f)
		case base == "account.js" && accountFile == nil:
			accountFile = f
		}
	}
	if len(tweets) == 0 {
		return ImportStats{}, fmt.Errorf("%s: no data/tweets.js, tweets-part*.js or tweet.js in the archive", name)
	}
	slices.SortFunc(tweets, func(a, b *zip.File) int { return naturalCompare(a.Name, b.Name) })
	for _, f := range append(tweets, accountFile) {
		if f != nil {
			if err := checkZipEntry(f); err != nil {
				return ImportStats{}, fmt.Errorf("%s: %s: %w", name, f.Name, err)
			}
		}
	}
	if account == "" && accountFile != nil {
		account, err = readAccount(accountFile)
		if err != nil {
			return ImportStats{}, fmt.Errorf("%s: %s: %w", name, accountFile.Name, err)
		}
	}
	var total ImportStats
	for _, f := range tweets {
		rc, err := openZipEntry(f)
		if err != nil {
			return total, fmt.Errorf("%s: %s: %w", name, f.Name, err)
		}
		st, err := ReadArchive(rc, name+": "+f.Name, account, fn)
		rc.Close()
		total.Read += st.Read
		total.Added += st.Added
		total.Skipped += st.Skipped
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// checkZipEntry refuses entries whose declared sizes make them a bomb
// before anything is read; openZipEntry enforces the same on the bytes
// actually inflated, for headers that lie.
func checkZipEntry(f *zip.File) error {
	if f.UncompressedSize64 > uint64(zipLimits.entry) {
		return fmt.Errorf("entry is %d bytes uncompressed, more than the %d allowed", f.UncompressedSize64, zipLimits.entry)
	}
	if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64 > uint64(zipLimits.ratio)*f.CompressedSize64 {
		return fmt.Errorf("entry expands %d times (%d to %d bytes): refusing a likely zip bomb", f.UncompressedSize64/max(f.CompressedSize64, 1), f.CompressedSize64, f.UncompressedSize64)
	}
	return nil
}

func openZipEntry(f *zip.File) (io.ReadCloser, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	limit := min(zipLimits.entry, max(int64(f.CompressedSize64)*zipLimits.ratio, 1<<20))
	return struct {
		io.Reader
		io.Closer
	}{&boundedReader{r: rc, limit: limit, msg: "entry inflates beyond its limit: refusing a likely zip bomb"}, rc}, nil
}

// boundedReader fails once more than limit bytes were read.
type boundedReader struct {
	r     io.Reader
	n     int64
	limit int64
	msg   string
}

// errTooLarge is boundedReader's error.
type errTooLarge struct{ msg string }

func (e *errTooLarge) Error() string { return e.msg }

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.n > b.limit {
		return 0, &errTooLarge{b.msg}
	}
	// Never read past the limit, so that a reader buffering ahead (as
	// json.Decoder does, in ever larger reads) cannot overshoot it.
	if rest := b.limit - b.n + 1; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	if b.n > b.limit {
		return n, &errTooLarge{b.msg}
	}
	return n, err
}

// naturalCompare orders tweets.js before tweets-part1.js before
// tweets-part2.js before tweets-part10.js.
func naturalCompare(a, b string) int {
	key := func(s string) (string, int) {
		base := strings.TrimSuffix(path.Base(s), ".js")
		stem, num, ok := strings.Cut(base, "-part")
		n := 0
		if ok {
			for _, c := range num {
				n = n*10 + int(c-'0')
			}
		}
		return path.Dir(s) + "/" + stem, n
	}
	sa, na := key(a)
	sb, nb := key(b)
	if c := strings.Compare(sa, sb); c != 0 {
		return c
	}
	return na - nb
}

func readAccount(f *zip.File) (string, error) {
	rc, err := openZipEntry(f)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	br := bufio.NewReader(&boundedReader{r: rc, limit: MaxPostBytes, msg: "account.js is too large"})
	if err := skipJSPrefix(br); err != nil {
		return "", err
	}
	var acc []struct {
		Account struct {
			Username string `json:"username"`
		} `json:"account"`
	}
	if err := json.NewDecoder(br).Decode(&acc); err != nil {
		return "", fmt.Errorf("not an account file: %w", err)
	}
	if len(acc) == 0 {
		return "", nil
	}
	return acc[0].Account.Username, nil
}

// skipJSPrefix consumes a byte-order mark, white space and an archive's
// "window.YTD.tweets.part0 = " assignment, leaving the JSON value.
func skipJSPrefix(br *bufio.Reader) error {
	c, err := peekNonSpace(br)
	if err != nil {
		return err
	}
	if c != 'w' {
		return nil
	}
	prefix, err := br.ReadSlice('=')
	if err != nil || len(prefix) > 200 || !bytes.HasPrefix(prefix, []byte("window.")) {
		return errors.New(`not an X archive file: expected "window.YTD.<name>.part0 = [...]"`)
	}
	return nil
}

// peekNonSpace skips a BOM and white space and returns the next byte.
func peekNonSpace(br *bufio.Reader) (byte, error) {
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return 0, errors.New("empty file")
		}
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		br.UnreadByte()
		return c, nil
	}
}

// ReadArchive streams the posts of one archive .js file (tweets.js and
// friends, with or without the "window.YTD..." prefix) or of API pages from
// r to fn, as Import describes; name is used in errors. It holds one post
// (at most MaxPostBytes) in memory at a time. It also reads an archive .zip
// when r can seek and read at offsets (an *os.File, a *bytes.Reader), as a
// zip's directory is at its end.
func ReadArchive(r io.Reader, name, account string, fn func(Record) error) (ImportStats, error) {
	if ra, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		var magic [4]byte
		if n, _ := ra.ReadAt(magic[:], 0); n == 4 && string(magic[:]) == "PK\x03\x04" {
			size, err := ra.Seek(0, io.SeekEnd)
			if err != nil {
				return ImportStats{}, fmt.Errorf("%s: %w", name, err)
			}
			return importZip(ra, size, name, account, fn)
		}
	}
	var st ImportStats
	post := &boundedReader{r: r, limit: MaxPostBytes, msg: fmt.Sprintf("a post is larger than %d bytes", MaxPostBytes)}
	br := bufio.NewReaderSize(post, 64<<10)
	if err := skipJSPrefix(br); err != nil {
		return st, fmt.Errorf("%s: %w", name, err)
	}
	c, err := peekNonSpace(br)
	if err != nil {
		return st, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(br)
	// Each post may take MaxPostBytes from where the previous one ended;
	// the readers ahead of the decoder have already read further.
	base := post.n - int64(br.Buffered())
	post.limit = base + MaxPostBytes
	next := func() { post.limit = base + dec.InputOffset() + MaxPostBytes }
	switch c {
	case '[':
		err := readTweetArray(dec, next, account, fn, &st)
		if err != nil {
			return st, fmt.Errorf("%s: %w", name, err)
		}
	case '{':
		// A page is decoded whole, so the bound is on pages.
		post.msg = fmt.Sprintf("the page is larger than %d bytes (the API returns at most 100 posts a page)", MaxPostBytes)
		if err := readAPIPages(dec, next, account, fn, &st); err != nil {
			return st, fmt.Errorf("%s: %w", name, err)
		}
	case 'P':
		if b, _ := br.Peek(4); string(b) == "PK\x03\x04" {
			return st, fmt.Errorf("%s: a zip archive, which needs a file to seek in: pass its path to Import", name)
		}
		fallthrough
	default:
		return st, fmt.Errorf("%s: not an X archive or API page (starts with %q)", name, c)
	}
	return st, nil
}

// archiveElement is one element of tweets.js: {"tweet": {...}} in current
// archives, the post itself in older ones.
type archiveElement struct {
	Tweet *tweet `json:"tweet"`
	tweet
}

// tweet holds the fields of an archive or API v2 post that the history
// needs. Flexible types absorb the archive's strings-for-numbers.
type tweet struct {
	ID        flexString `json:"id"`
	IDStr     string     `json:"id_str"`
	FullText  string     `json:"full_text"`
	Text      string     `json:"text"`
	CreatedAt string     `json:"created_at"`
	Retweeted flexString `json:"retweeted"`
	AuthorID  string     `json:"author_id"`
	Entities  struct {
		URLs  []urlEntity `json:"urls"`
		Media []urlEntity `json:"media"`
	} `json:"entities"`
	ExtendedEntities struct {
		Media []urlEntity `json:"media"`
	} `json:"extended_entities"`
	DisplayTextRange []flexString `json:"display_text_range"`
	NoteTweet        struct {
		Text string `json:"text"`
	} `json:"note_tweet"`
	ReferencedTweets []struct {
		Type string `json:"type"`
	} `json:"referenced_tweets"`
}

type urlEntity struct {
	URL      string `json:"url"`
	Expanded string `json:"expanded_url"`
}

// flexString accepts a JSON string, number or boolean as its text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	switch {
	case string(b) == "null":
		*f = ""
	case string(b) == "true" || string(b) == "false" || len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		*f = flexString(b)
	default:
		return fmt.Errorf("expected a string or number, got %.20s", b)
	}
	return nil
}

func readTweetArray(dec *json.Decoder, next func(), account string, fn func(Record) error, st *ImportStats) error {
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	for dec.More() {
		next()
		var el archiveElement
		if err := dec.Decode(&el); err != nil {
			if tooLarge := (*errTooLarge)(nil); errors.As(err, &tooLarge) {
				return fmt.Errorf("post %d: %w", st.Read+1, err)
			}
			return fmt.Errorf("post %d: not an X archive post: %w", st.Read+1, jsonErr(err))
		}
		t := &el.tweet
		if el.Tweet != nil {
			t = el.Tweet
		}
		if err := emit(t, account, "archive", fn, st); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("after post %d: %w", st.Read, jsonErr(err))
	}
	return nil
}

// apiPage is one response of GET /2/users/:id/tweets and the like.
type apiPage struct {
	Data     json.RawMessage `json:"data"`
	Includes struct {
		Users []struct {
			ID       string `json:"id"`
			Username string `json:"username"`
		} `json:"users"`
	} `json:"includes"`
	Errors []struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
	} `json:"errors"`
}

func readAPIPages(dec *json.Decoder, next func(), account string, fn func(Record) error, st *ImportStats) error {
	for page := 1; ; page++ {
		next()
		var p apiPage
		err := dec.Decode(&p)
		if err == io.EOF && page > 1 {
			return nil
		}
		if tooLarge := (*errTooLarge)(nil); errors.As(err, &tooLarge) {
			return fmt.Errorf("page %d: %w", page, err)
		}
		if err != nil {
			return fmt.Errorf("page %d: not an API page: %w", page, jsonErr(err))
		}
		var posts []tweet
		switch d := bytes.TrimSpace(p.Data); {
		case len(d) == 0 || string(d) == "null":
			if len(p.Errors) > 0 {
				return fmt.Errorf("page %d: an API error response: %s%s", page, p.Errors[0].Message, p.Errors[0].Detail)
			}
			if p.Data == nil {
				return fmt.Errorf(`page %d: not an API page (no "data")`, page)
			}
		case d[0] == '{':
			posts = make([]tweet, 1)
			err = json.Unmarshal(d, &posts[0])
		default:
			err = json.Unmarshal(d, &posts)
		}
		if err != nil {
			return fmt.Errorf("page %d: not an API page: %w", page, jsonErr(err))
		}
		users := make(map[string]string)
		for _, u := range p.Includes.Users {
			users[u.ID] = u.Username
		}
		for i := range posts {
			acct := account
			if acct == "" {
				acct = users[posts[i].AuthorID]
			}
			if err := emit(&posts[i], acct, "api", fn, st); err != nil {
				return err
			}
		}
	}
}

// jsonErr makes decoder errors read well after a file name.
func jsonErr(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return errors.New("unexpected end of file")
	}
	return err
}

// archiveTime is X's v1.1 created_at layout.
const archiveTime = "Mon Jan 02 15:04:05 -0700 2006"

func emit(t *tweet, account, source string, fn func(Record) error, st *ImportStats) error {
	st.Read++
	text := t.FullText
	if text == "" {
		text = t.Text
	}
	if t.NoteTweet.Text != "" {
		text = t.NoteTweet.Text // API v2: the full text of a long post
	}
	retweet := t.Retweeted == "true" || strings.HasPrefix(text, "RT @")
	for _, r := range t.ReferencedTweets {
		retweet = retweet || r.Type == "retweeted"
	}
	at, err := time.Parse(archiveTime, t.CreatedAt)
	if err != nil {
		at, err = time.Parse(time.RFC3339, t.CreatedAt)
	}
	if retweet || err != nil {
		st.Skipped++
		return nil
	}
	id := t.IDStr
	if id == "" {
		id = string(t.ID)
	}
	text = strings.TrimSpace(postText(t, text))
	r := NewRecord(at, account, id, source, text, true)
	if err := fn(r); err != nil {
		if errors.Is(err, ErrSkip) {
			st.Skipped++
			return nil
		}
		return err
	}
	st.Added++
	return nil
}

// postText recovers what the author typed from an archive post's text.
func postText(t *tweet, text string) string {
	text = html.UnescapeString(text)
	media := append(slices.Clone(t.Entities.Media), t.ExtendedEntities.Media...)
	// display_text_range ends before the trailing media link; cut there when
	// all that follows is links.
	if len(t.DisplayTextRange) == 2 {
		end := 0
		for _, c := range t.DisplayTextRange[1] {
			if c < '0' || c > '9' || end > 1<<20 {
				end = -1
				break
			}
			end = end*10 + int(c-'0')
		}
		if end >= 0 && end < utf8.RuneCountInString(text) {
			cut := len(text)
			for i := range text {
				if end == 0 {
					cut = i
					break
				}
				end--
			}
			if rest := strings.TrimSpace(text[cut:]); rest != "" && onlyLinks(rest) {
				text = text[:cut]
			}
		}
	}
	// Cut the trailing media links, each at most once: a post has four
	// media at most, and all of them share one link.
	var links []string
	for _, m := range media {
		if m.URL != "" && !slices.Contains(links, m.URL) && len(links) < maxEntities {
			links = append(links, m.URL)
		}
	}
	for cut := true; cut && len(links) > 0; {
		cut = false
		trimmed := strings.TrimSpace(text)
		for i, l := range links {
			if strings.HasSuffix(trimmed, l) {
				text, cut = strings.TrimSuffix(trimmed, l), true
				links = slices.Delete(links, i, i+1)
				break
			}
		}
	}
	// Each t.co link becomes the link it stands for, in one pass: an
	// expanded link is not expanded again.
	var pairs []string
	for _, u := range t.Entities.URLs {
		if u.URL != "" && u.Expanded != "" && len(pairs) < 2*maxEntities {
			pairs = append(pairs, u.URL, u.Expanded)
		}
	}
	if len(pairs) > 0 {
		// Links longer than their t.co links could make a text of a few
		// kilobytes gigabytes long: past a history line's length, the
		// text is kept as X stored it.
		var b strings.Builder
		if _, err := strings.NewReplacer(pairs...).WriteString(&limitedWriter{&b, MaxLineBytes}, text); err == nil {
			text = b.String()
		}
	}
	return text
}

// limitedWriter writes to w until n bytes have been written, then fails.
type limitedWriter struct {
	w *strings.Builder
	n int
}

var errTooLong = errors.New("too long")

func (l *limitedWriter) Write(p []byte) (int, error) {
	if len(p) > l.n {
		return 0, errTooLong
	}
	l.n -= len(p)
	return l.w.Write(p)
}

func (l *limitedWriter) WriteString(s string) (int, error) {
	if len(s) > l.n {
		return 0, errTooLong
	}
	l.n -= len(s)
	return l.w.WriteString(s)
}

// maxEntities bounds the media and link entities of a post that postText
// reads: X allows 4 media and a few dozen links, and a hostile archive
// must not make each one cost a pass over a long text.
const maxEntities = 1000

func onlyLinks(s string) bool {
	for _, f := range strings.Fields(s) {
		if !strings.HasPrefix(f, "https://t.co/") && !strings.HasPrefix(f, "http://t.co/") {
			return false
		}
	}
	return true
}

// progressEvery is how many posts are read between progress reports.
const progressEvery = 10000

// ImportAppend imports path into the history file at historyPath, adding
// to ix (which should hold that history) and appending only posts whose ID
// ix does not know. Valid records are appended in batches of 5,000; the last
// batch only when the whole file parsed. So an archive found bad before its
// first 5,000 posts leaves the history untouched, and one that fails later
// keeps the batches already appended: they are valid posts, and running the
// import again skips them by ID. After an error ix may also hold records of
// the batch that was not written: load the history again before using it.
// With storeText false no text is written. progress, when not nil, is
// called every 10,000 posts read with the counts so far (for a progress
// line on a terminal). A nil ix is an error: without the history, posts
// already in it would be appended again.
func ImportAppend(historyPath, path, account string, ix *Index, storeText bool, progress func(ImportStats)) (ImportStats, error) {
	if ix == nil {
		return ImportStats{}, fmt.Errorf("%s: nil Index: load the history %s first, so that the posts it holds are not appended again", path, historyPath)
	}
	const batchSize = 5000
	var batch []Record
	var seen ImportStats
	ix.beginBulk()
	defer ix.endBulk()
	st, err := Import(path, account, func(r Record) error {
		seen.Read++
		defer func() {
			if progress != nil && seen.Read%progressEvery == 0 {
				progress(seen)
			}
		}()
		if !ix.AddNew(r) {
			seen.Skipped++
			return ErrSkip
		}
		seen.Added++
		if !storeText {
			r.Text = ""
		}
		batch = append(batch, r)
		if len(batch) == batchSize {
			if err := Append(historyPath, batch...); err != nil {
				return err
			}
			batch = batch[:0]
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	if len(batch) > 0 {
		if err := Append(historyPath, batch...); err != nil {
			return st, err
		}
	}
	return st, nil
}
