package media

import (
	"encoding/binary"
)

// Builders for synthetic movies: hostile inputs are made in code rather
// than committed, so each test shows exactly which field lies.

func u16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// mkbox makes a box with a 32-bit size.
func mkbox(typ string, payload ...[]byte) []byte {
	body := cat(payload...)
	return cat(u32(uint32(8+len(body))), []byte(typ), body)
}

// fullbox makes a box with version and flags.
func fullbox(typ string, version byte, flags uint32, payload ...[]byte) []byte {
	return mkbox(typ, cat([]byte{version, byte(flags >> 16), byte(flags >> 8), byte(flags)}, cat(payload...)))
}

var identity = cat(u32(0x10000), u32(0), u32(0), u32(0), u32(0x10000), u32(0), u32(0), u32(0), u32(0x40000000))

func mvhdV0(timescale, duration uint32) []byte {
	return fullbox("mvhd", 0, 0, u32(0), u32(0), u32(timescale), u32(duration),
		u32(0x10000), u16(0x100), make([]byte, 10), identity, make([]byte, 24), u32(2))
}

func mvhdV1(timescale uint32, duration uint64) []byte {
	return fullbox("mvhd", 1, 0, u64(0), u64(0), u32(timescale), u64(duration),
		u32(0x10000), u16(0x100), make([]byte, 10), identity, make([]byte, 24), u32(2))
}

func tkhd(id uint32, w, h uint16) []byte {
	return fullbox("tkhd", 0, 3, u32(0), u32(0), u32(id), u32(0), u32(0), make([]byte, 8),
		u16(0), u16(0), u16(0), u16(0), identity, u32(uint32(w)<<16), u32(uint32(h)<<16))
}

func mdhd(timescale, duration uint32) []byte {
	return fullbox("mdhd", 0, 0, u32(0), u32(0), u32(timescale), u32(duration), u16(0x55C4), u16(0))
}

func hdlr(handler string) []byte {
	return fullbox("hdlr", 0, 0, u32(0), []byte(handler), make([]byte, 12), []byte("x\x00"))
}

func avc1(w, h uint16) []byte {
	return mkbox("avc1", make([]byte, 6), u16(1), make([]byte, 16), u16(w), u16(h),
		u32(0x480000), u32(0x480000), u32(0), u16(1), make([]byte, 32), u16(24), u16(0xFFFF))
}

func stts(entries ...[2]uint32) []byte {
	b := u32(uint32(len(entries)))
	for _, e := range entries {
		b = cat(b, u32(e[0]), u32(e[1]))
	}
	return fullbox("stts", 0, 0, b)
}

// videoTrak is a video track of frames samples of delta ticks each, with the
// given sample table boxes appended to stbl (stco, co64, ...).
func videoTrak(timescale, frames, delta uint32, extra ...[]byte) []byte {
	stbl := mkbox("stbl", fullbox("stsd", 0, 0, u32(1), avc1(64, 36)), stts([2]uint32{frames, delta}), cat(extra...))
	return mkbox("trak", tkhd(1, 64, 36),
		mkbox("mdia", mdhd(timescale, frames*delta), hdlr("vide"), mkbox("minf", stbl)))
}

var ftypIsom = mkbox("ftyp", []byte("isom"), u32(0x200), []byte("isomiso2avc1mp41"))

// movieFile is ftyp + moov + an mdat of payload bytes.
func movieFile(moov []byte, mdatPayload int) []byte {
	return cat(ftypIsom, moov, mkbox("mdat", make([]byte, mdatPayload)))
}

// simpleMoov is a 10 s movie at timescale 1000 with a 25 fps video track.
func simpleMoov() []byte {
	return mkbox("moov", mvhdV0(1000, 10000), videoTrak(12800, 250, 512, fullbox("stco", 0, 0, u32(1), u32(100))))
}
