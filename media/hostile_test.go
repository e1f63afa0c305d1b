package media

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// countingReaderAt counts the bytes handed out by ReadAt.
type countingReaderAt struct {
	r io.ReaderAt
	n atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}

// bounded probes b and fails when it allocates more than 256 MB or takes
// longer than a generous bound: hostile input must cost little.
func bounded(t *testing.T, r io.ReaderAt, size int64) (Info, error) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	info, err := ProbeReader(r, size)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
		t.Errorf("allocated %d bytes", alloc)
	}
	if elapsed > 5*time.Second {
		t.Errorf("took %v", elapsed)
	}
	return info, err
}

// nest wraps payload in depth boxes of type typ.
func nest(typ string, depth int, payload []byte) []byte {
	// Built inside out with sizes computed up front, so 20,000 levels
	// stay linear.
	total := len(payload) + 8*depth
	b := make([]byte, 0, total)
	for i := 0; i < depth; i++ {
		b = append(b, u32(uint32(total-8*i))...)
		b = append(b, typ...)
	}
	return append(b, payload...)
}

func TestHostileInput(t *testing.T) {
	moov := simpleMoov()
	good := movieFile(moov, 64)
	tests := []struct {
		name string
		data []byte
		// wantErr is a substring of the error; "" means success with
		// wantSeconds as the duration.
		wantErr     string
		wantSeconds float64
	}{
		{"well formed", good, "", 10},
		{"empty", nil, "unsupported media format: empty file", 0},
		{"text", []byte("hello, this is not a movie"), "unsupported media format", 0},
		{"pdf", []byte("%PDF-1.7\n..."), "unsupported media format: pdf document", 0},
		{"matroska", []byte{0x1A, 0x45, 0xDF, 0xA3, 0, 0, 0, 0}, "matroska", 0},
		{"ftyp only", ftypIsom, "no moov box", 0},
		{"header cut", good[:len(ftypIsom)+4], "", 0}, // too short for a box: ignored, then no moov
		{"moov cut", good[:len(ftypIsom)+40], "truncated", 0},
		{"mdat cut", good[:len(good)-10], "", 10},
		{"junk after the moov", cat(good, []byte("\xff\xff\xff\xffjunk and more junk")), "", 10},
		{"fragment cut off", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 0, 0), mkbox("mvex", fullbox("trex", 0, 0, u32(1), u32(1), u32(40), u32(0), u32(0)))),
			mkbox("moof", mkbox("traf", fullbox("tfhd", 0, 0, u32(1)), fullbox("trun", 0, 0, u32(50)))), mkbox("mdat", make([]byte, 8)),
			mkbox("moof", mkbox("traf", fullbox("tfhd", 0, 0, u32(1)), fullbox("trun", 0, 0, u32(50))))[:20]), "", 2},
		{"30,000 tracks", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), bytes.Repeat(mkbox("trak", tkhd(7, 1, 1)), 30000))), "more than 1024 tracks", 0},
		{"1,000 tracks and 600,000 track fragments", cat(ftypIsom,
			mkbox("moov", mvhdV0(1000, 0), bytes.Repeat(mkbox("trak", tkhd(7, 1, 1)), 1000), videoTrak(1000, 0, 0)),
			bytes.Repeat(mkbox("moof", bytes.Repeat(mkbox("traf", fullbox("tfhd", 0, 0, u32(7)), fullbox("trun", 0, 0x100, u32(1), u32(1))), 60_000)), 10)), "", 0},
		{"65,537 boxes in one moof", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 0, 0)),
			mkbox("moof", bytes.Repeat(mkbox("free"), 65537))), "more than 65536 boxes", 0},
		{"fragment headers over 64 MiB", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 0, 0)),
			bytes.Repeat(mkbox("moof", make([]byte, 8<<20)), 9)), "fragment headers exceed", 0},
		{"moov over 64 MiB", cat(ftypIsom, mkbox("moov", make([]byte, 64<<20+1))), "at most 67108864 bytes of headers", 0},
		{"moov larger than file", cat(ftypIsom, u32(1<<30), []byte("moov"), moov[8:]), "truncated", 0},
		{"moov 64-bit size beyond 2^62", cat(ftypIsom, u32(1), []byte("moov"), u64(1<<62), moov[8:]), "truncated", 0},
		{"box smaller than its header", cat(ftypIsom, u32(4), []byte("free"), moov), "smaller than its header", 0},
		{"large header smaller than itself", cat(ftypIsom, u32(1), []byte("free"), u64(12), moov), "smaller than its header", 0},
		{"moov to end of file (size 0)", cat(ftypIsom, u32(0), []byte("moov"), moov[8:]), "", 10},
		{"mdat to end of file (size 0)", cat(ftypIsom, moov, u32(0), []byte("mdat"), make([]byte, 100)), "", 10},
		{"child overruns moov", cat(ftypIsom, mkbox("moov", u32(1000), []byte("trak"))), "overruns its parent", 0},
		{"20,000 nested traks", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 5000), nest("trak", 20000, nil))), "no video or audio track", 0},
		{"20,000 nested top-level boxes", cat(ftypIsom, nest("moov", 20000, mvhdV0(1000, 5000))), "no video or audio track", 0},
		{"stts claims 4 billion entries", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 10000),
			mkbox("trak", tkhd(1, 64, 36), mkbox("mdia", mdhd(1000, 10000), hdlr("vide"),
				mkbox("minf", mkbox("stbl", fullbox("stts", 0, 0, u32(0xFFFFFFFF), u32(1), u32(1)))))))), "stts claims 4294967295 entries", 0},
		{"stts sample count 2^31-1", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 1<<31-1, 1))), "", float64(1<<31-1) / 1000},
		{"elst claims billions", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0),
			mkbox("trak", tkhd(1, 64, 36), mkbox("edts", fullbox("elst", 0, 0, u32(3_000_000_000), u32(1000), u32(0), u32(0x10000)))))), "elst claims", 0},
		{"trun claims billions", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 0, 0), mkbox("mvex", fullbox("trex", 0, 0, u32(1), u32(1), u32(40), u32(0), u32(0)))),
			mkbox("moof", mkbox("traf", fullbox("tfhd", 0, 0, u32(1)), fullbox("trun", 0, 0x100, u32(2_000_000_000), u32(40))))), "trun claims", 0},
		{"trun with trex default duration", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 0, 0), mkbox("mvex", fullbox("trex", 0, 0, u32(1), u32(1), u32(40), u32(0), u32(0)))),
			mkbox("moof", mkbox("traf", fullbox("tfhd", 0, 0, u32(1)), fullbox("trun", 0, 0, u32(2_000_000_000))))), "", 80_000_000},
		{"fragment for an undeclared track is skipped", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 0, 0)),
			mkbox("moof", mkbox("traf", fullbox("tfhd", 0, 0, u32(9)), fullbox("trun", 0, 0x100, u32(1), u32(5000))))), "", 0},
		{"init segment only: mehd", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 0, 0),
			mkbox("mvex", fullbox("mehd", 0, 0, u32(141000)), fullbox("trex", 0, 0, u32(1), u32(1), u32(40), u32(0), u32(0))))), "", 141},
		{"fragments outweigh a longer mehd", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 0, 0),
			mkbox("mvex", fullbox("mehd", 0, 0, u32(141000)), fullbox("trex", 0, 0, u32(1), u32(1), u32(40), u32(0), u32(0)))),
			mkbox("moof", mkbox("traf", fullbox("tfhd", 0, 0, u32(1)), fullbox("tfdt", 1, 0, u64(1000)), fullbox("trun", 0, 0, u32(100))))), "", 5},
		{"heif image", cat(mkbox("ftyp", []byte("heic"), u32(0), []byte("mif1heic")), mkbox("meta")), "heif", 0},
		{"mvhd version 1, 64-bit duration", cat(ftypIsom, mkbox("moov", mvhdV1(90000, 5_000_000_000), videoTrak(90000, 1, 3000))), "", 5_000_000_000.0 / 90000},
		{"mvhd zero: longest track", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(600, 300, 20))), "", 10},
		{"edit list when mvhd is zero", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0),
			mkbox("trak", tkhd(1, 64, 36), mkbox("edts", fullbox("elst", 0, 0, u32(2), u32(500), u32(0xFFFFFFFF), u32(0x10000), u32(3000), u32(0), u32(0x10000))),
				mkbox("mdia", mdhd(600, 6000), hdlr("vide"))))), "", 3.5},
		{"co64 chunk offsets", cat(ftypIsom, mkbox("moov", mvhdV0(1000, 10000), videoTrak(12800, 250, 512, fullbox("co64", 0, 0, u32(1), u64(1<<40))))), "", 10},
		{"millions of tiny top-level boxes", cat(ftypIsom, moov, bytes.Repeat(mkbox("free"), 1_100_000)), "top-level boxes", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := bounded(t, bytes.NewReader(tt.data), int64(len(tt.data)))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if tt.name == "header cut" {
				if err == nil {
					t.Fatal("want an error for a file with no moov")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Duration.Seconds(); got != tt.wantSeconds {
				t.Errorf("duration %v s, want %v s", got, tt.wantSeconds)
			}
		})
	}
}

// eofReaderAt returns io.EOF with every read that reaches the end, which
// io.ReaderAt allows even when the read is complete.
type eofReaderAt struct{ b []byte }

func (e eofReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(e.b)) {
		return 0, io.EOF
	}
	n := copy(p, e.b[off:])
	if off+int64(n) == int64(len(e.b)) {
		return n, io.EOF
	}
	return n, nil
}

func TestReaderAtEOFOnFullRead(t *testing.T) {
	data := cat(ftypIsom, mkbox("mdat", make([]byte, 10)), simpleMoov())
	info, err := ProbeReader(eofReaderAt{data}, int64(len(data)))
	if err != nil || info.Duration.String() != "10.000000" {
		t.Fatalf("got %v, %v; want a 10 s video", info.Duration, err)
	}
	// A size larger than the data is a truncated file.
	if _, err := ProbeReader(eofReaderAt{data}, int64(len(data))+100); err == nil {
		t.Fatal("want an error when the data ends before the stated size")
	}
}

func TestUnsupportedIsTyped(t *testing.T) {
	info, err := ProbeReader(strings.NewReader("plain text"), 10)
	if !errors.Is(err, ErrUnsupported) || info.Kind != Unknown {
		t.Fatalf("got %v, %v; want Kind unknown and ErrUnsupported", info.Kind, err)
	}
}

// TestBadArguments: a nil reader or a negative size is an error that says
// so, not a recovered nil-pointer panic or "malformed media".
func TestBadArguments(t *testing.T) {
	for _, tt := range []struct {
		r    io.ReaderAt
		size int64
		want string
	}{
		{nil, 10, "nil reader"},
		{nil, 0, "nil reader"},
		{strings.NewReader("abc"), -1, "negative size"},
	} {
		info, err := ProbeReader(tt.r, tt.size)
		if err == nil || err.Error() != tt.want || info.Kind != Unknown {
			t.Errorf("ProbeReader(%v, %d) = %v, %v; want Kind unknown and %q", tt.r, tt.size, info.Kind, err, tt.want)
		}
	}
}

// TestEveryPrefix cuts a real fixture at every length: each prefix must
// end in a clean error or a result, never a panic.
func TestEveryPrefix(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "frag_empty_moov.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	recoverPanics = false
	defer func() { recoverPanics = true }()
	for n := 0; n <= len(data); n++ {
		_, _ = ProbeReader(bytes.NewReader(data[:n]), int64(n))
	}
}

func TestProbePathErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.mp4")
	if _, err := Probe(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: err = %v, want one naming the path", err)
	}
	if _, err := Probe(dir); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("folder: err = %v, want one naming the path", err)
	}
	text := filepath.Join(dir, "clip.mp4")
	if err := os.WriteFile(text, []byte("not a movie at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	if info, err := Probe(text); !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), text) || info.Kind != Unknown {
		t.Errorf("text named .mp4: kind %v, err = %v", info.Kind, err)
	}
}

// writeSparse writes head, leaves a hole of pad bytes, then writes tail,
// so a multi-gigabyte file costs only the bytes written.
func writeSparse(t *testing.T, path string, head []byte, pad int64, tail []byte) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(head); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(int64(len(head)) + pad); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(tail, int64(len(head))+pad); err != nil {
		t.Fatal(err)
	}
}

// TestSparse512MB probes a 512 MB movie whose mdat is a hole: the moov at
// the end must be found by seeking, in a few small reads.
func TestSparse512MB(t *testing.T) {
	const pad = 512 << 20
	path := filepath.Join(t.TempDir(), "big.mp4")
	head := cat(ftypIsom, u32(1), []byte("mdat"), u64(16+pad))
	tail := mkbox("moov", mvhdV1(1000, 120_000), videoTrak(12800, 3000, 512, fullbox("co64", 0, 0, u32(1), u64(pad+100))))
	writeSparse(t, path, head, pad, tail)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	c := &countingReaderAt{r: f}
	info, err := bounded(t, c, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if info.Duration.String() != "120.000000" || info.Size != st.Size() || info.VideoCodec != "h264" {
		t.Errorf("got %+v", info)
	}
	if n := c.n.Load(); n > 64<<10 {
		t.Errorf("read %d bytes of a %d-byte file", n, st.Size())
	}
}

// TestBytesReadIndependentOfSize pads real fixtures' mdat by gigabytes (a
// sparse file) and checks that the probe reads as many bytes as for the
// original: headers only.
func TestBytesReadIndependentOfSize(t *testing.T) {
	for _, name := range []string{"moov_end.mp4", "faststart.mp4", "dur141_aac.mp4"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			// Find the mdat and rebuild it with a 64-bit size, padded.
			var ftypEnd, mdatOff, mdatEnd int
			for off := 0; off+8 <= len(data); {
				size := int(be32(data[off:]))
				switch string(data[off+4 : off+8]) {
				case "ftyp":
					ftypEnd = off + size
				case "mdat":
					mdatOff, mdatEnd = off, off+size
				}
				off += size
			}
			if mdatEnd == 0 {
				t.Fatal("no mdat in fixture")
			}
			const pad = 3 << 30
			payload := data[mdatOff+8 : mdatEnd]
			head := cat(data[:mdatOff], u32(1), []byte("mdat"), u64(uint64(16+len(payload)+pad)), payload)
			tail := data[mdatEnd:]
			_ = ftypEnd
			path := filepath.Join(t.TempDir(), name)
			writeSparse(t, path, head, pad, tail)

			count := func(r io.ReaderAt, size int64) (int64, Info) {
				c := &countingReaderAt{r: r}
				info, err := bounded(t, c, size)
				if err != nil {
					t.Fatal(err)
				}
				return c.n.Load(), info
			}
			small, want := count(bytes.NewReader(data), int64(len(data)))
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, _ := f.Stat()
			big, got := count(f, st.Size())
			// The 64-bit mdat header adds 8 bytes to one read.
			if big > small+8 || big > 256<<10 {
				t.Errorf("read %d bytes of the padded file, %d of the original", big, small)
			}
			if got.Duration != want.Duration || got.VideoCodec != want.VideoCodec {
				t.Errorf("padded file: %+v, original: %+v", got, want)
			}
		})
	}
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}
