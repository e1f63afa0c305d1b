package media

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strconv"
)

// Bounds on what the MP4 reader reads and walks. Real files stay far below
// them; a hostile file hits them and gets an error instead of costing
// memory or time.
const (
	// maxMoovSize caps the movie box read into memory: 64 MiB holds the
	// sample tables of a movie of many hours.
	maxMoovSize = 64 << 20
	// maxFragmentBytes caps the bytes read over all moof boxes.
	maxFragmentBytes = 64 << 20
	// maxTopLevelBoxes caps the boxes walked at the top of the file, each
	// costing one small read.
	maxTopLevelBoxes = 1 << 20
	// maxTracks caps the tracks of one movie; real files have a handful.
	maxTracks = 1024
	// maxChildren caps the boxes walked inside one parent box.
	maxChildren = 1 << 16
)

// errTruncated is wrapped when a box claims more bytes than remain.
var errTruncated = errors.New("truncated")

// track gathers what one trak (and its fragments) says.
type track struct {
	id        uint32
	handler   string // vide, soun, ...
	timescale uint32 // mdhd
	mdhdDur   uint64
	codec     string
	profile   string // ffprobe's profile of an AAC track: LC, Main, HE-AAC...
	width     int
	height    int
	rotated   bool
	// edits is the edit list's total in the movie timescale; hasEdits
	// says whether there was one.
	edits    uint64
	hasEdits bool
	// frames and ticks sum the sample table and the fragments' runs.
	frames uint64
	ticks  uint64
	// fragEnd is the decode time just after the last fragment sample.
	fragEnd     uint64
	hasFragment bool
	// fragStart is the presentation time of the first fragment sample
	// (its decode time plus composition offset), and ctsShift the most
	// negative composition offset of the fragments, negated: ffmpeg starts
	// a stream whose samples are all in fragments at fragStart+ctsShift
	// (its dts_shift).
	fragStart int64
	ctsShift  int64
	// firstCTS is the composition offset of the first sample in the moov's
	// sample table (ctts): where ffmpeg starts a stream whose first
	// samples are in the moov, shifting nothing. hasCTTS says whether the
	// table had one; startInMoov whether the moov held samples before
	// the first fragment.
	firstCTS    int64
	hasCTTS     bool
	startInMoov bool
}

// movie gathers the whole file.
type movie struct {
	brand         string
	hasFtyp       bool
	timescale     uint32
	duration      uint64
	mehd          uint64
	hasMoov       bool
	fragmented    bool
	tracks        []*track
	byID          map[uint32]*track
	fragmentBytes int64
	// trexDuration is each track's default sample duration for
	// fragments, from mvex (which may come before or after the traks).
	trexDuration map[uint32]uint32
}

// trackByID finds a track in a map: a hostile file may declare tens of
// thousands of tracks and reference them from millions of fragments.
func (m *movie) trackByID(id uint32) *track {
	if m.byID == nil {
		m.byID = make(map[uint32]*track, len(m.tracks))
		for _, t := range m.tracks {
			if _, dup := m.byID[t.id]; !dup {
				m.byID[t.id] = t
			}
		}
	}
	return m.byID[id]
}

// probeMP4 walks the top-level boxes of an ISO BMFF or QuickTime file,
// reading ftyp, moov and each moof, and seeking over everything else.
func probeMP4(r io.ReaderAt, size int64) (Info, error) {
	info := Info{Kind: Unknown, Size: size}
	m := &movie{}
	var off int64
	var fragBuf []byte
walk:
	for n := 0; off < size; n++ {
		if n >= maxTopLevelBoxes {
			return info, fmt.Errorf("mp4: more than %d top-level boxes", maxTopLevelBoxes)
		}
		if size-off < smallHeaderSize {
			// Trailing bytes too short for a box: players ignore them.
			break
		}
		var buf [16]byte
		hn := int(min(16, size-off))
		if err := readFull(r, buf[:hn], off); err != nil {
			return info, fmt.Errorf("mp4: box header at offset %d: %w", off, err)
		}
		bi, err := boxHeader(buf[:hn], size-off)
		if err != nil {
			if m.hasMoov {
				// Junk after the movie header, or a cut-off fragment:
				// ffmpeg plays what came before, and so we report it.
				break walk
			}
			return info, fmt.Errorf("mp4: box at offset %d: %w", off, err)
		}
		typ := bi.typ
		end := off + bi.size
		if bi.size > size-off {
			// A movie whose sample data was cut off still has its
			// headers; ffprobe reports it, and so do we. A header box
			// cut off is unreadable.
			switch {
			case typ == "mdat" || typ == "free" || typ == "skip" || typ == "wide":
				end = size
			case m.hasMoov:
				break walk
			default:
				return info, fmt.Errorf("mp4: box %q at offset %d claims %d bytes but only %d remain: %w", typ, off, bi.size, size-off, errTruncated)
			}
		}
		payload := min(bi.size, size-off) - int64(bi.hdr)
		switch typ {
		case "ftyp":
			if !m.hasFtyp {
				if err := m.readFtyp(r, off+int64(bi.hdr), min(payload, 4096)); err != nil {
					return info, err
				}
			}
		case "moov":
			if m.hasMoov {
				break // ffmpeg too reads the first moov only
			}
			if payload > maxMoovSize {
				return info, fmt.Errorf("mp4: moov box is %d bytes; at most %d bytes of headers are read", payload, maxMoovSize)
			}
			buf := make([]byte, payload)
			if err := readFull(r, buf, off+int64(bi.hdr)); err != nil {
				return info, fmt.Errorf("mp4: reading moov: %w", err)
			}
			if err := m.readMoov(buf); err != nil {
				return info, err
			}
			m.hasMoov = true
			m.byID = nil // fragments before the moov may have built it
		case "moof":
			m.fragmented = true
			m.fragmentBytes += payload
			if m.fragmentBytes > maxFragmentBytes {
				return info, fmt.Errorf("mp4: fragment headers exceed %d bytes", maxFragmentBytes)
			}
			// One buffer serves every fragment: nothing keeps a
			// reference to a moof once it is read.
			if int64(cap(fragBuf)) < payload {
				fragBuf = make([]byte, payload)
			}
			buf := fragBuf[:payload]
			if err := readFull(r, buf, off+int64(bi.hdr)); err != nil {
				return info, fmt.Errorf("mp4: reading moof at offset %d: %w", off, err)
			}
			if err := m.readMoof(buf); err != nil {
				return info, err
			}
		}
		off = end
	}
	if !m.hasMoov {
		switch m.brand {
		case "heic", "heix", "mif1", "msf1", "avif", "avis":
			return info, fmt.Errorf("%w: heif/avif image (brand %q)", ErrUnsupported, m.brand)
		}
		return info, errors.New("mp4: no moov box (movie header) found")
	}
	return m.info(size)
}

// readFull fills buf from off. io.ReaderAt allows io.EOF alongside a full
// read at the end of the data, which is not an error here.
func readFull(r io.ReaderAt, buf []byte, off int64) error {
	n, err := r.ReadAt(buf, off)
	if n == len(buf) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// readFtyp reads the brands, which tell MOV and M4A apart from MP4.
func (m *movie) readFtyp(r io.ReaderAt, off, n int64) error {
	var buf [8]byte
	if n < int64(len(buf)) {
		return errors.New("mp4: ftyp box too small")
	}
	if err := readFull(r, buf[:], off); err != nil {
		return fmt.Errorf("mp4: ftyp: %w", err)
	}
	brand, err := majorBrand(buf[:])
	if err != nil {
		return err
	}
	m.hasFtyp, m.brand = true, brand
	return nil
}

// header is a box header: its type, header length and total size.
type header struct {
	typ  string
	hdr  int
	size int64
}

// boxHeader parses a box header from b, the first bytes of the box, where
// left bytes remain in the parent (or file). It reads the same fields as
// go-mp4's ReadBoxInfo, which allocates a growing buffer per call; on a
// file of millions of tiny boxes that costs gigabytes, and this costs none.
// A size of 0 means the box runs to the end of its parent.
func boxHeader(b []byte, left int64) (header, error) {
	if len(b) < smallHeaderSize {
		return header{}, fmt.Errorf("box header: %w", errTruncated)
	}
	h := header{typ: boxTypeString([4]byte(b[4:8])), hdr: smallHeaderSize}
	size := uint64(binary.BigEndian.Uint32(b))
	switch size {
	case 0:
		size = uint64(left)
	case 1:
		if len(b) < largeHeaderSize {
			return header{}, fmt.Errorf("box %q: 64-bit size: %w", h.typ, errTruncated)
		}
		size = binary.BigEndian.Uint64(b[8:])
		h.hdr = largeHeaderSize
	}
	if size < uint64(h.hdr) {
		return header{}, fmt.Errorf("box %q: size %d is smaller than its header", h.typ, size)
	}
	h.size = int64(min(size, 1<<62))
	return h, nil
}

// box is one child box inside an in-memory parent.
type box struct {
	typ     string
	payload []byte
}

// children splits an in-memory payload into its child boxes, refusing
// sizes that overrun the parent.
func children(b []byte, fn func(box) error) error {
	off := 0
	for n := 0; len(b)-off >= smallHeaderSize; n++ {
		if n >= maxChildren {
			return fmt.Errorf("mp4: more than %d boxes in one parent", maxChildren)
		}
		h, err := boxHeader(b[off:], int64(len(b)-off))
		if err != nil {
			return fmt.Errorf("mp4: %w", err)
		}
		if h.size > int64(len(b)-off) {
			return fmt.Errorf("mp4: box %q: size %d overruns its parent (%d bytes left): %w", h.typ, h.size, len(b)-off, errTruncated)
		}
		end := off + int(h.size)
		if err := fn(box{typ: h.typ, payload: b[off+h.hdr : end]}); err != nil {
			return err
		}
		off = end
	}
	return nil
}

func (m *movie) readMoov(b []byte) error {
	return children(b, func(c box) error {
		switch c.typ {
		case "mvhd":
			var err error
			m.timescale, m.duration, err = timing("mvhd", c.payload)
			return err
		case "trak":
			if len(m.tracks) >= maxTracks {
				return fmt.Errorf("mp4: more than %d tracks", maxTracks)
			}
			t := &track{}
			if err := t.readTrak(c.payload); err != nil {
				return err
			}
			m.tracks = append(m.tracks, t)
		case "mvex":
			m.fragmented = true
			return children(c.payload, func(c box) error {
				switch c.typ {
				case "mehd":
					var err error
					m.mehd, err = mehdDuration(c.payload)
					return err
				case "trex":
					// track_ID, sample_description_index, duration
					if len(c.payload) < 16 {
						return errors.New("mp4: trex box too small")
					}
					if m.trexDuration == nil {
						m.trexDuration = make(map[uint32]uint32)
					}
					m.trexDuration[binary.BigEndian.Uint32(c.payload[4:])] = binary.BigEndian.Uint32(c.payload[12:])
				}
				return nil
			})
		}
		return nil
	})
}

func (t *track) readTrak(b []byte) error {
	return children(b, func(c box) error {
		switch c.typ {
		case "tkhd":
			tkhd, err := readTkhd(c.payload)
			if err != nil {
				return err
			}
			t.id = tkhd.id
			// A 90 or 270 degree rotation zeroes the matrix diagonal.
			a, bb, cc, d := tkhd.matrix[0], tkhd.matrix[1], tkhd.matrix[3], tkhd.matrix[4]
			t.rotated = a == 0 && d == 0 && bb != 0 && cc != 0
		case "edts":
			return children(c.payload, func(c box) error {
				if c.typ == "elst" {
					return t.readElst(c.payload)
				}
				return nil
			})
		case "mdia":
			return t.readMdia(c.payload)
		}
		return nil
	})
}

// readElst sums the edit segments' durations (movie timescale), which is the
// track's presented length.
func (t *track) readElst(p []byte) error {
	if len(p) < 8 {
		return errors.New("mp4: elst box too small")
	}
	version := p[0]
	count := uint64(binary.BigEndian.Uint32(p[4:]))
	entry := uint64(12)
	if version == 1 {
		entry = 20
	}
	if count > uint64(len(p)-8)/entry {
		return fmt.Errorf("mp4: elst claims %d entries but holds %d", count, uint64(len(p)-8)/entry)
	}
	t.hasEdits = true
	var sum uint64
	for i := uint64(0); i < count; i++ {
		e := p[8+i*entry:]
		var d uint64
		if version == 1 {
			d = binary.BigEndian.Uint64(e)
		} else {
			d = uint64(binary.BigEndian.Uint32(e))
		}
		var carry uint64
		sum, carry = bits.Add64(sum, d, 0)
		if carry != 0 {
			return errors.New("mp4: elst durations overflow")
		}
	}
	t.edits = sum
	return nil
}

func (t *track) readMdia(b []byte) error {
	return children(b, func(c box) error {
		switch c.typ {
		case "mdhd":
			var err error
			t.timescale, t.mdhdDur, err = timing("mdhd", c.payload)
			return err
		case "hdlr":
			// version/flags, pre_defined, then the handler type.
			if len(c.payload) < 12 {
				return errors.New("mp4: hdlr box too small")
			}
			t.handler = string(c.payload[8:12])
		case "minf":
			return children(c.payload, func(c box) error {
				if c.typ != "stbl" {
					return nil
				}
				return children(c.payload, func(c box) error {
					switch c.typ {
					case "stsd":
						return t.readStsd(c.payload)
					case "stts":
						return t.readStts(c.payload)
					case "ctts":
						return t.readCtts(c.payload)
					}
					return nil
				})
			})
		}
		return nil
	})
}

// readStts sums the time-to-sample table arithmetically: a table may claim
// billions of samples, and nothing is allocated per sample or per entry.
func (t *track) readStts(p []byte) error {
	if len(p) < 8 {
		return errors.New("mp4: stts box too small")
	}
	count := uint64(binary.BigEndian.Uint32(p[4:]))
	if count > uint64(len(p)-8)/8 {
		return fmt.Errorf("mp4: stts claims %d entries but holds %d", count, (len(p)-8)/8)
	}
	for i := uint64(0); i < count; i++ {
		e := p[8+8*i:]
		n := uint64(binary.BigEndian.Uint32(e))
		d := uint64(binary.BigEndian.Uint32(e[4:]))
		if err := t.addSamples(n, n*d); err != nil { // n*d < 2^64
			return err
		}
	}
	return nil
}

// readCtts reads the composition offset of the moov's first sample, signed
// in version 1 and, as ffmpeg reads it, in version 0 too.
func (t *track) readCtts(p []byte) error {
	if len(p) < 8 {
		return errors.New("mp4: ctts box too small")
	}
	count := uint64(binary.BigEndian.Uint32(p[4:]))
	if count > uint64(len(p)-8)/8 {
		return fmt.Errorf("mp4: ctts claims %d entries but holds %d", count, (len(p)-8)/8)
	}
	for i := uint64(0); i < count && !t.hasCTTS; i++ {
		e := p[8+8*i:]
		if binary.BigEndian.Uint32(e) == 0 {
			continue // an entry of no samples
		}
		t.firstCTS, t.hasCTTS = int64(int32(binary.BigEndian.Uint32(e[4:]))), true
	}
	return nil
}

func (t *track) addSamples(frames, ticks uint64) error {
	var c1, c2 uint64
	t.frames, c1 = bits.Add64(t.frames, frames, 0)
	t.ticks, c2 = bits.Add64(t.ticks, ticks, 0)
	if c1|c2 != 0 {
		return errors.New("mp4: sample durations overflow")
	}
	return nil
}

// readStsd reads the first sample entry: its four-character code names the
// codec, and a visual entry holds the coded width and height.
func (t *track) readStsd(p []byte) error {
	if len(p) < 8 {
		return errors.New("mp4: stsd box too small")
	}
	found := false
	err := children(p[8:], func(c box) error {
		if found {
			return nil
		}
		found = true
		t.codec = codecName(c.typ)
		switch t.handler {
		case "vide":
			// reserved(6) data_reference_index(2) pre_defined and
			// reserved(16) width(2) height(2)
			if len(c.payload) >= 28 {
				t.width = int(binary.BigEndian.Uint16(c.payload[24:]))
				t.height = int(binary.BigEndian.Uint16(c.payload[26:]))
			}
			if c.typ == "mp4v" && len(c.payload) > 78 {
				if oti, _, ok := findEsds(c.payload[78:], 0); ok {
					t.codec = mpeg4ObjectType(oti, "mpeg4")
				}
			}
		case "soun":
			if c.typ == "mp4a" && len(c.payload) >= 28 {
				// QuickTime sound descriptions v1 and v2 add 16 and
				// 36 bytes to the v0 layout.
				skip := 28
				switch binary.BigEndian.Uint16(c.payload[8:]) {
				case 1:
					skip += 16
				case 2:
					skip += 36
				}
				if len(c.payload) > skip {
					if oti, dsi, ok := findEsds(c.payload[skip:], 0); ok {
						t.codec = mpeg4ObjectType(oti, "aac")
						if t.codec == "aac" {
							t.profile = aacProfile(oti, dsi)
						}
					}
				}
			}
		}
		return nil
	})
	return err
}

// findEsds finds the esds box among the boxes in b (looking inside a
// QuickTime wave box too) and returns the objectTypeIndication of its
// decoder configuration, and its decoder specific info (nil if none).
func findEsds(b []byte, depth int) (oti byte, dsi []byte, ok bool) {
	_ = children(b, func(c box) error {
		if ok {
			return nil
		}
		switch c.typ {
		case "esds":
			oti, dsi, ok = esdsConfig(c.payload)
		case "wave":
			if depth < 2 {
				oti, dsi, ok = findEsds(c.payload, depth+1)
			}
		}
		return nil
	})
	return oti, dsi, ok
}

// esdsConfig parses the ES descriptor down to the decoder configuration
// descriptor: its objectTypeIndication, and the decoder specific info
// that follows its 13 bytes of fields (an AAC stream's
// AudioSpecificConfig), nil when there is none.
func esdsConfig(p []byte) (oti byte, dsi []byte, ok bool) {
	if len(p) < 4 {
		return 0, nil, false
	}
	p = p[4:] // version and flags
	tag, body, ok := descriptor(p)
	if !ok || tag != 0x03 || len(body) < 3 {
		return 0, nil, false
	}
	flags := body[2]
	body = body[3:]
	if flags&0x80 != 0 { // streamDependenceFlag
		if len(body) < 2 {
			return 0, nil, false
		}
		body = body[2:]
	}
	if flags&0x40 != 0 { // URL_Flag
		if len(body) < 1 || len(body) < 1+int(body[0]) {
			return 0, nil, false
		}
		body = body[1+int(body[0]):]
	}
	if flags&0x20 != 0 { // OCRstreamFlag
		if len(body) < 2 {
			return 0, nil, false
		}
		body = body[2:]
	}
	tag, body, ok = descriptor(body)
	if !ok || tag != 0x04 || len(body) < 1 {
		return 0, nil, false
	}
	if len(body) > 13 {
		if tag, info, ok := descriptor(body[13:]); ok && tag == 0x05 {
			dsi = info
		}
	}
	return body[0], dsi, true
}

// aacProfile names an AAC stream's profile as ffprobe does, from the
// MPEG-2 AAC objectTypeIndications, or else the audio object type of its
// AudioSpecificConfig (five bits; 31 escapes to 32 plus six more); "" when
// neither says. HE-AAC signalled only inside the stream reads as LC, as it
// does to ffprobe's header probe.
func aacProfile(oti byte, asc []byte) string {
	switch oti {
	case 0x66:
		return "Main"
	case 0x67:
		return "LC"
	case 0x68:
		return "SSR"
	}
	if len(asc) == 0 {
		return ""
	}
	aot := int(asc[0] >> 3)
	if aot == 31 {
		if len(asc) < 2 {
			return ""
		}
		aot = 32 + (int(asc[0]&7)<<3 | int(asc[1]>>5))
	}
	switch aot {
	case 1:
		return "Main"
	case 2:
		return "LC"
	case 3:
		return "SSR"
	case 4:
		return "LTP"
	case 5:
		return "HE-AAC"
	case 23:
		return "LD"
	case 29:
		return "HE-AACv2"
	case 39:
		return "ELD"
	}
	return "audio object type " + strconv.Itoa(aot)
}

// descriptor splits one MPEG-4 descriptor: a tag, a length in up to four
// 7-bit bytes, and the body, clipped to what is there.
func descriptor(p []byte) (tag byte, body []byte, ok bool) {
	if len(p) < 2 {
		return 0, nil, false
	}
	tag = p[0]
	var n int
	i := 1
	for ; i < len(p) && i <= 4; i++ {
		n = n<<7 | int(p[i]&0x7F)
		if p[i]&0x80 == 0 {
			i++
			break
		}
	}
	body = p[i:]
	if n < len(body) {
		body = body[:n]
	}
	return tag, body, true
}

// mpeg4ObjectType maps an objectTypeIndication to ffprobe's codec name.
func mpeg4ObjectType(oti byte, fallback string) string {
	switch oti {
	case 0x20:
		return "mpeg4"
	case 0x21:
		return "h264"
	case 0x23:
		return "hevc"
	case 0x40, 0x66, 0x67, 0x68:
		return "aac"
	case 0x69, 0x6B:
		return "mp3"
	case 0x60, 0x61, 0x62, 0x63, 0x64, 0x65:
		return "mpeg2video"
	case 0x6A:
		return "mpeg1video"
	case 0x6C:
		return "mjpeg"
	case 0xA5:
		return "ac3"
	case 0xA6:
		return "eac3"
	case 0xA9, 0xAC:
		return "dts"
	case 0xAD:
		return "opus"
	case 0xDD:
		return "vorbis"
	}
	return fallback
}

// codecName maps a sample entry's four-character code to ffprobe's
// codec_name.
func codecName(fourcc string) string {
	switch fourcc {
	case "avc1", "avc2", "avc3", "avc4":
		return "h264"
	case "hvc1", "hev1", "dvh1", "dvhe":
		return "hevc"
	case "vp08":
		return "vp8"
	case "vp09":
		return "vp9"
	case "av01":
		return "av1"
	case "mp4v":
		return "mpeg4"
	case "mp4a":
		return "aac"
	case "Opus":
		return "opus"
	case ".mp3":
		return "mp3"
	case "ac-3":
		return "ac3"
	case "ec-3":
		return "eac3"
	case "fLaC":
		return "flac"
	case "alac":
		return "alac"
	case "jpeg":
		return "mjpeg"
	case "s263", "h263":
		return "h263"
	case "apch", "apcn", "apcs", "apco", "ap4h", "ap4x":
		return "prores"
	case "sowt":
		return "pcm_s16le"
	case "twos":
		return "pcm_s16be"
	case "samr":
		return "amr_nb"
	case "sawb":
		return "amr_wb"
	}
	return fourcc
}

// readMoof walks one movie fragment: each traf adds its runs' sample
// durations to its track, starting at tfdt when present.
func (m *movie) readMoof(b []byte) error {
	return children(b, func(c box) error {
		if c.typ != "traf" {
			return nil
		}
		var t *track
		var defaultDuration uint32
		var sawTfdt, skip bool
		var dts uint64
		return children(c.payload, func(c box) error {
			if skip {
				return nil
			}
			switch c.typ {
			case "tfhd":
				// Parsed by hand, as trun: there is one per track per
				// fragment, and go-mp4's reflective Unmarshal costs
				// tens of microseconds each.
				if len(c.payload) < 8 {
					return errors.New("mp4: tfhd box too small")
				}
				flags := uint32(c.payload[1])<<16 | uint32(c.payload[2])<<8 | uint32(c.payload[3])
				id := binary.BigEndian.Uint32(c.payload[4:])
				t = m.trackByID(id)
				if t == nil {
					// ffmpeg skips a fragment of a track the moov
					// does not declare; so do we.
					skip = true
					return nil
				}
				defaultDuration = m.trexDuration[id]
				if flags&0x000008 != 0 { // default-sample-duration-present
					at := 8
					if flags&0x000001 != 0 { // base-data-offset
						at += 8
					}
					if flags&0x000002 != 0 { // sample-description-index
						at += 4
					}
					if len(c.payload) < at+4 {
						return errors.New("mp4: tfhd box too small")
					}
					defaultDuration = binary.BigEndian.Uint32(c.payload[at:])
				}
				dts = t.fragEnd
				if !t.hasFragment {
					// Fragments continue after the moov's own samples.
					dts = t.ticks
				}
			case "tfdt":
				if t == nil {
					return errors.New("mp4: tfdt before tfhd")
				}
				if len(c.payload) < 8 || c.payload[0] == 1 && len(c.payload) < 12 {
					return errors.New("mp4: tfdt box too small")
				}
				if !sawTfdt {
					if c.payload[0] == 1 {
						dts = binary.BigEndian.Uint64(c.payload[4:])
					} else {
						dts = uint64(binary.BigEndian.Uint32(c.payload[4:]))
					}
					sawTfdt = true
				}
			case "trun":
				if t == nil {
					return errors.New("mp4: trun before tfhd")
				}
				frames, ticks, cts, minCTS, err := trunDuration(c.payload, defaultDuration)
				if err != nil {
					return err
				}
				switch {
				case t.hasFragment:
				case t.frames > 0:
					t.startInMoov = true // the moov's samples come first
				case frames > 0:
					t.fragStart = int64(min(dts, 1<<62)) + cts
				}
				t.ctsShift = max(t.ctsShift, -minCTS)
				if err := t.addSamples(frames, ticks); err != nil {
					return err
				}
				var carry uint64
				dts, carry = bits.Add64(dts, ticks, 0)
				if carry != 0 {
					return errors.New("mp4: fragment times overflow")
				}
				t.hasFragment = true
				if dts > t.fragEnd {
					t.fragEnd = dts
				}
			}
			return nil
		})
	})
}

// trunDuration sums a track run's sample durations from the raw payload,
// with the sample count bounded by the bytes present. It also returns the
// first sample's composition time offset, and the most negative one (0
// when none is).
func trunDuration(p []byte, defaultDuration uint32) (frames, ticks uint64, firstCTS, minCTS int64, err error) {
	if len(p) < 8 {
		return 0, 0, 0, 0, errors.New("mp4: trun box too small")
	}
	flags := uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])
	count := uint64(binary.BigEndian.Uint32(p[4:]))
	off := 8
	if flags&0x000001 != 0 { // data_offset
		off += 4
	}
	if flags&0x000004 != 0 { // first_sample_flags
		off += 4
	}
	per := 0
	durAt, ctsAt := -1, -1
	for _, f := range []uint32{0x100, 0x200, 0x400, 0x800} {
		if flags&f != 0 {
			switch f {
			case 0x100:
				durAt = per
			case 0x800:
				ctsAt = per
			}
			per += 4
		}
	}
	if off > len(p) {
		return 0, 0, 0, 0, errors.New("mp4: trun box too small")
	}
	if per > 0 && count > uint64(len(p)-off)/uint64(per) {
		return 0, 0, 0, 0, fmt.Errorf("mp4: trun claims %d samples but holds %d", count, (len(p)-off)/per)
	}
	if ctsAt >= 0 {
		for i := uint64(0); i < count; i++ {
			v := binary.BigEndian.Uint32(p[off+int(i)*per+ctsAt:])
			cts := int64(v)
			if p[0] != 0 {
				cts = int64(int32(v)) // version 1: signed
			}
			if i == 0 {
				firstCTS = cts
			}
			minCTS = min(minCTS, cts)
		}
	}
	if durAt < 0 {
		return count, count * uint64(defaultDuration), firstCTS, minCTS, nil
	}
	for i := uint64(0); i < count; i++ {
		d := uint64(binary.BigEndian.Uint32(p[off+int(i)*per+durAt:]))
		var carry uint64
		ticks, carry = bits.Add64(ticks, d, 0)
		if carry != 0 {
			return 0, 0, 0, 0, errors.New("mp4: trun durations overflow")
		}
	}
	return count, ticks, firstCTS, minCTS, nil
}

// fragmentSpan is the duration ffmpeg derives from the streams of a
// fragmented file: from the earliest stream start
// to the latest stream end, where a stream starts at its first sample's
// presentation time and lasts its summed sample durations. ffmpeg works in
// microseconds here, so the result does too (each term rounded, as
// av_rescale rounds). A single track's span is its summed durations.
func (m *movie) fragmentSpan() Duration {
	var frag []*track
	for _, t := range m.tracks {
		if t.frames > 0 && t.timescale != 0 {
			if !t.hasFragment {
				t.fragEnd = t.ticks // samples in the moov only
			}
			frag = append(frag, t)
		}
	}
	switch len(frag) {
	case 0:
		return Duration{}
	case 1:
		t := frag[0]
		return Duration{Ticks: t.fragEnd, Timescale: t.timescale}
	}
	const never = int64(1<<63 - 1)
	first, last := never, -never
	for _, t := range frag {
		start := int64(0)
		pts := t.fragStart + t.ctsShift
		if t.startInMoov || !t.hasFragment {
			pts = t.firstCTS
		}
		if pts != 0 {
			sign := int64(1)
			abs := uint64(pts)
			if pts < 0 {
				sign, abs = -1, uint64(-pts)
			}
			start = sign * int64(mulDivRound(abs, 1000000, uint64(t.timescale)))
		}
		length := int64(mulDivRound(t.fragEnd, 1000000, uint64(t.timescale)))
		if start < first {
			first = start
		}
		if start+length > last {
			last = start + length
		}
	}
	if last <= first {
		return Duration{}
	}
	return Duration{Ticks: uint64(last - first), Timescale: 1000000}
}

// info turns the gathered boxes into facts.
func (m *movie) info(size int64) (Info, error) {
	info := Info{Kind: Unknown, Size: size, Fragmented: m.fragmented}
	var video, audio *track
	for _, t := range m.tracks {
		switch t.handler {
		case "vide":
			if video == nil {
				video = t
			}
		case "soun":
			if audio == nil {
				audio = t
			}
		}
	}
	switch {
	case video != nil:
		info.Kind = Video
	case audio != nil:
		info.Kind = Audio
	default:
		return info, fmt.Errorf("%w: movie with no video or audio track", ErrUnsupported)
	}
	switch {
	case m.brand == "qt  " || !m.hasFtyp:
		info.Container = "mov"
	case m.brand == "M4A " || m.brand == "M4B " || video == nil:
		info.Container = "m4a"
	default:
		info.Container = "mp4"
	}
	if video != nil {
		info.VideoCodec = video.codec
		info.Width, info.Height = video.width, video.height
		if video.rotated {
			info.Width, info.Height = info.Height, info.Width
		}
		if video.ticks > 0 && video.timescale > 0 {
			info.FPS = float64(video.frames) * float64(video.timescale) / float64(video.ticks)
		}
	}
	if audio != nil {
		info.AudioCodec, info.AudioProfile = audio.codec, audio.profile
	}
	info.Duration = m.formatDuration()
	if us := info.Duration.Micros(); us > 0 {
		info.Bitrate = bitrate(size, us)
	}
	return info, nil
}

// formatDuration is the container duration as ffprobe (ffmpeg 5.1) reports
// it, checked on fixtures: for a plain movie the movie header's duration;
// for a fragmented one the span of the tracks' samples, from the sample
// tables and every fragment, while mvhd and mehd are ignored (a stale or
// lying mehd does not change what plays).
//
// Where ffprobe reports 0 although the file plays, xlint reports what
// plays instead: a plain movie whose header says 0 gets its longest track
// (after the edit list), and a fragmented movie with no samples at all (an
// init segment) gets the larger of mvhd and mehd.
func (m *movie) formatDuration() Duration {
	if m.fragmented {
		if d := m.fragmentSpan(); d.Ticks != 0 {
			return d
		}
		var d Duration
		if m.timescale != 0 {
			d = Duration{Ticks: max(m.duration, m.mehd), Timescale: m.timescale}
		}
		return d
	}
	if m.timescale != 0 && m.duration != 0 {
		return Duration{Ticks: m.duration, Timescale: m.timescale}
	}
	var d Duration
	for _, t := range m.tracks {
		var e Duration
		switch {
		case t.hasEdits && m.timescale != 0:
			e = Duration{Ticks: t.edits, Timescale: m.timescale}
		case t.timescale != 0:
			e = Duration{Ticks: max(t.mdhdDur, t.ticks), Timescale: t.timescale}
		}
		if e.longer(d) {
			d = e
		}
	}
	return d
}
