package media

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzProbe feeds arbitrary bytes to the prober: it must return, without
// panicking, within bounded memory. Panics are not recovered here so that
// the fuzzer reports them as the bugs they are.
func FuzzProbe(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || info.Size() > 64<<10 || filepath.Ext(e.Name()) == ".json" {
			continue
		}
		b, err := os.ReadFile(filepath.Join("testdata", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	moov := simpleMoov()
	f.Add(movieFile(moov, 16))
	f.Add(cat(ftypIsom, mkbox("moov", mvhdV0(1000, 0), videoTrak(1000, 0, 0),
		mkbox("mvex", fullbox("mehd", 0, 0, u32(500)), fullbox("trex", 0, 0, u32(1), u32(1), u32(40), u32(0), u32(0)))),
		mkbox("moof", mkbox("traf", fullbox("tfhd", 0, 8, u32(1), u32(40)), fullbox("tfdt", 1, 0, u64(10)),
			fullbox("trun", 0, 0x901, u32(2), u32(0), u32(40), u32(1), u32(40), u32(2))))))
	f.Fuzz(func(t *testing.T, data []byte) {
		recoverPanics = false
		defer func() { recoverPanics = true }()
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic("probe took over 10 s")
			}
		}()
		info, err := ProbeReader(bytes.NewReader(data), int64(len(data)))
		if err != nil && info.Kind != Unknown && info.Kind != "" {
			t.Errorf("error %v with kind %q", err, info.Kind)
		}
		if err == nil && info.Kind == Unknown {
			t.Error("unknown kind without an error")
		}
		_ = info.Duration.String()
		_ = info.Duration.Exceeds(140000)
	})
}
