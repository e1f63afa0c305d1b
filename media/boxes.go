package media

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// The fixed-layout boxes the reader needs a few fields of (ISO/IEC 14496-12,
// 8.2.2, 8.3.2, 8.4.2, 8.8.2). Each decoder reads only up to its last
// needed field, as ffmpeg does, and fails on a payload too short for it.
// go-mp4 decodes the same boxes by reflection; TestFixedBoxesMatchGoMP4 and
// FuzzFixedBoxes check these decoders against it, but the prober does not
// link it: its package init registers every box type it knows, which
// costs a millisecond and half a megabyte at every start of the process,
// several times what probing a file costs.

// Box header sizes: 32-bit size and type, then a 64-bit size when the
// 32-bit size is 1.
const (
	smallHeaderSize = 8
	largeHeaderSize = 16
)

// boxTypeString names a box type as go-mp4 does: its four characters when
// they are printable (with © as "(c)", as in QuickTime's metadata boxes),
// else 0x and eight hex digits.
func boxTypeString(b [4]byte) string {
	printable := func(c byte) bool { return c >= 0x20 && c <= 0x7e || c == 0xa9 }
	if !printable(b[0]) || !printable(b[1]) || !printable(b[2]) || !printable(b[3]) {
		return fmt.Sprintf("0x%02x%02x%02x%02x", b[0], b[1], b[2], b[3])
	}
	return strings.ReplaceAll(string(b[:]), "\xa9", "(c)")
}

// fullBox returns a full box's version and the bytes after its version and
// flags, checking that they hold at least need0 bytes (version 0) or need1
// (version 1).
func fullBox(typ string, p []byte, need0, need1 int) (version byte, rest []byte, err error) {
	if len(p) < 4 {
		return 0, nil, fmt.Errorf("mp4: %s box too small", typ)
	}
	version, rest = p[0], p[4:]
	need := need0
	if version == 1 {
		need = need1
	}
	if len(rest) < need {
		return 0, nil, fmt.Errorf("mp4: %s box too small: %d bytes, version %d needs %d", typ, len(p), version, 4+need)
	}
	return version, rest, nil
}

// timing decodes the start of a movie or media header (mvhd, mdhd), which
// share it: creation and modification times, timescale, duration; the
// times and duration are 64-bit in version 1.
func timing(typ string, p []byte) (timescale uint32, duration uint64, err error) {
	version, b, err := fullBox(typ, p, 16, 28)
	if err != nil {
		return 0, 0, err
	}
	if version == 1 {
		return binary.BigEndian.Uint32(b[16:]), binary.BigEndian.Uint64(b[20:]), nil
	}
	return binary.BigEndian.Uint32(b[8:]), uint64(binary.BigEndian.Uint32(b[12:])), nil
}

// mehdDuration decodes the movie extends header: the whole fragmented
// movie's duration, 64-bit in version 1.
func mehdDuration(p []byte) (uint64, error) {
	version, b, err := fullBox("mehd", p, 4, 8)
	if err != nil {
		return 0, err
	}
	if version == 1 {
		return binary.BigEndian.Uint64(b), nil
	}
	return uint64(binary.BigEndian.Uint32(b)), nil
}

// trackHeader is what the reader needs of a tkhd.
type trackHeader struct {
	id     uint32
	matrix [9]int32 // a, b, u, c, d, v, x, y, w
}

// readTkhd decodes the track header up to its transformation matrix:
// times, track_ID, reserved, duration (times and duration 64-bit in
// version 1), then 16 bytes of reserved, layer, alternate group and
// volume, then the matrix.
func readTkhd(p []byte) (trackHeader, error) {
	version, b, err := fullBox("tkhd", p, 20+16+36, 32+16+36)
	if err != nil {
		return trackHeader{}, err
	}
	var h trackHeader
	matrix := 20 + 16
	if version == 1 {
		h.id = binary.BigEndian.Uint32(b[16:])
		matrix = 32 + 16
	} else {
		h.id = binary.BigEndian.Uint32(b[8:])
	}
	for i := range h.matrix {
		h.matrix[i] = int32(binary.BigEndian.Uint32(b[matrix+4*i:]))
	}
	return h, nil
}

// majorBrand decodes the first field of ftyp; the minor version and the
// compatible brands follow it.
func majorBrand(p []byte) (string, error) {
	if len(p) < 8 {
		return "", fmt.Errorf("mp4: ftyp box too small")
	}
	return string(p[:4]), nil
}
