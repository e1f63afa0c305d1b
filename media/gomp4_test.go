package media

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	mp4 "github.com/abema/go-mp4"
)

// go-mp4 is the reference for the box layouts the prober decodes by hand
// (boxes.go): these tests walk every fixture with go-mp4's box reader and
// require the prober's header and field decoding to agree with it.

// TestFixedBoxesMatchGoMP4 compares, for every box of every MP4, MOV and
// M4A fixture, the header (type, header size, size) and, for ftyp, mvhd,
// mehd, tkhd and mdhd, the decoded fields.
func TestFixedBoxesMatchGoMP4(t *testing.T) {
	files, err := filepath.Glob("testdata/*.m[op4]*")
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]int{}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		_, err = mp4.ReadBoxStructure(bytes.NewReader(data), func(h *mp4.ReadHandle) (any, error) {
			bi := h.BoxInfo
			raw := data[bi.Offset:]
			got, err := boxHeader(raw[:min(16, len(raw))], int64(len(raw)))
			if err != nil {
				t.Errorf("%s: box %s at %d: %v", name, bi.Type, bi.Offset, err)
				return nil, nil
			}
			if got.typ != bi.Type.String() || uint64(got.hdr) != bi.HeaderSize || uint64(got.size) != bi.Size {
				t.Errorf("%s: box at %d: got %q hdr %d size %d, go-mp4 %q hdr %d size %d",
					name, bi.Offset, got.typ, got.hdr, got.size, bi.Type, bi.HeaderSize, bi.Size)
			}
			payload := raw[bi.HeaderSize:bi.Size]
			switch got.typ {
			case "ftyp", "mvhd", "mehd", "tkhd", "mdhd":
				checked[got.typ]++
				compareFixedBox(t, name, got.typ, payload)
			}
			if !h.BoxInfo.IsSupportedType() || got.typ == "mdat" {
				return nil, nil
			}
			return h.Expand()
		})
		if err != nil {
			t.Fatalf("%s: go-mp4: %v", name, err)
		}
	}
	for _, typ := range []string{"ftyp", "mvhd", "mehd", "tkhd", "mdhd"} {
		if checked[typ] == 0 {
			t.Errorf("no fixture holds a %s box", typ)
		}
	}
	t.Logf("compared %v", checked)
}

// compareFixedBox decodes one payload with go-mp4 and with the prober and
// reports where they differ. When go-mp4 refuses the payload the prober
// may still read it: it reads only the fields it needs, as ffmpeg does.
func compareFixedBox(t *testing.T, where, typ string, payload []byte) {
	t.Helper()
	var want mp4.IBox
	switch typ {
	case "ftyp":
		want = &mp4.Ftyp{}
	case "mvhd":
		want = &mp4.Mvhd{}
	case "mehd":
		want = &mp4.Mehd{}
	case "tkhd":
		want = &mp4.Tkhd{}
	case "mdhd":
		want = &mp4.Mdhd{}
	}
	if _, err := mp4.Unmarshal(bytes.NewReader(payload), uint64(len(payload)), want, mp4.Context{}); err != nil {
		return
	}
	switch w := want.(type) {
	case *mp4.Ftyp:
		got, err := majorBrand(payload)
		if err != nil || got != string(w.MajorBrand[:]) {
			t.Errorf("%s: ftyp: got %q, %v; go-mp4 %q", where, got, err, w.MajorBrand[:])
		}
	case *mp4.Mvhd:
		ts, dur, err := timing("mvhd", payload)
		if err != nil || ts != w.Timescale || dur != pick(w.GetVersion(), uint64(w.DurationV0), w.DurationV1) {
			t.Errorf("%s: mvhd: got %d/%d, %v; go-mp4 %+v", where, dur, ts, err, w)
		}
	case *mp4.Mdhd:
		ts, dur, err := timing("mdhd", payload)
		if err != nil || ts != w.Timescale || dur != pick(w.GetVersion(), uint64(w.DurationV0), w.DurationV1) {
			t.Errorf("%s: mdhd: got %d/%d, %v; go-mp4 %+v", where, dur, ts, err, w)
		}
	case *mp4.Mehd:
		dur, err := mehdDuration(payload)
		if err != nil || dur != w.GetFragmentDuration() {
			t.Errorf("%s: mehd: got %d, %v; go-mp4 %d", where, dur, err, w.GetFragmentDuration())
		}
	case *mp4.Tkhd:
		got, err := readTkhd(payload)
		if err != nil || got.id != w.TrackID || got.matrix != w.Matrix {
			t.Errorf("%s: tkhd: got %+v, %v; go-mp4 id %d matrix %v", where, got, err, w.TrackID, w.Matrix)
		}
	}
}

func pick(version uint8, v0, v1 uint64) uint64 {
	if version == 1 {
		return v1
	}
	return v0
}

// FuzzFixedBoxes decodes arbitrary payloads of the fixed boxes with both
// decoders: whenever go-mp4 accepts one, the prober must read the same
// fields from it.
func FuzzFixedBoxes(f *testing.F) {
	f.Add(uint8(0), mvhdV0(600, 84000)[8:])
	f.Add(uint8(0), mvhdV1(90000, 1<<40)[8:])
	f.Add(uint8(1), mdhd(48000, 96000)[8:])
	f.Add(uint8(2), tkhd(7, 1920, 1080)[8:])
	f.Add(uint8(3), fullbox("mehd", 1, 0, u64(1<<33))[8:])
	f.Add(uint8(4), cat([]byte("qt  "), u32(0x200), []byte("qt  ")))
	rot := tkhd(1, 640, 360)[8:]
	binary.BigEndian.PutUint32(rot[40:], 0)
	binary.BigEndian.PutUint32(rot[44:], 0x10000)
	f.Add(uint8(2), rot)
	f.Fuzz(func(t *testing.T, which uint8, payload []byte) {
		typ := []string{"mvhd", "mdhd", "tkhd", "mehd", "ftyp"}[int(which)%5]
		compareFixedBox(t, "fuzz", typ, payload)
	})
}
