package history

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// addLine decodes one history line straight into the index: fingerprints
// are decoded from hex into integers and the text is skipped without being
// unescaped, so loading allocates little more than the post ids. Lines the
// fast scanner does not handle go through parseRecord and Add.
func (ix *Index) addLine(line []byte) string {
	var e entry
	var acct, src, id, text []byte
	var idEsc, acctEsc, srcEsc, seenAt bool
	var at time.Time
	var exactHex, normHex, simHex []byte
	var ferr error
	v := 0
	err := scanObject(line, func(key, val []byte, str, esc bool) {
		if ferr != nil {
			return
		}
		if !str {
			switch string(key) {
			case "v":
				v, ferr = strconv.Atoi(string(val))
			case "at", "account", "id", "source", "text", "exact", "norm", "sim":
				if string(val) != "null" {
					ferr = fmt.Errorf("%q is not a string", key)
				}
			}
			return
		}
		switch string(key) {
		case "at":
			t, err := parseTime(val)
			e.at, ferr, seenAt, at = nanos(t), err, err == nil, t
		case "account":
			acct, acctEsc = val, esc
		case "id":
			id, idEsc = val, esc
		case "source":
			src, srcEsc = val, esc
		case "text":
			text = val
		case "exact":
			exactHex = val
		case "norm":
			normHex = val
		case "sim":
			simHex = val
		case "v":
			ferr = errors.New(`"v" is not a number`)
		}
	})
	if err == nil {
		err = ferr
	}
	// Escaped names are rare: the slow path unescapes them. The text needs
	// no unescaping: the index does not keep it.
	if err == nil && !acctEsc && !idEsc && !srcEsc {
		if v > RecordVersion {
			return fmt.Sprintf("record version %d is newer than this xlint reads (%d)", v, RecordVersion)
		}
		if !seenAt {
			return `record has no "at" time`
		}
		if !Recordable(at) {
			return outOfRange(at)
		}
		x, ok1 := parseHex64(exactHex)
		n, ok2 := parseHex64(normHex)
		sig, err := parseSignature(simHex)
		if ok1 && ok2 && (err == nil || len(simHex) == 0 && len(text) == 0) {
			e.exact, e.norm = x, n
			e.flags = hasExact | hasNorm
			if err == nil {
				e.sig, e.flags = sig, e.flags|hasSig
			}
			// A post recorded twice (branches that imported one archive,
			// merged with merge=union; imports that overlapped) counts
			// once, as AddNew would have it.
			idText := ""
			if v, ok := numericID(id); ok {
				if _, dup := ix.ids[v]; dup {
					return ""
				}
				e.id, e.flags = v, e.flags|idNumeric
			} else if len(id) > 0 {
				if _, dup := ix.idStrings[string(id)]; dup {
					return ""
				}
				idText = string(id)
			}
			e.source = source(ix, src)
			e.acct = accountID(ix, acct)
			ix.add(e, idText)
			return ""
		}
		// Fingerprints missing or damaged: Add recomputes them from text.
	}
	if err != nil && err != errSlowPath {
		return "not a history record: " + err.Error()
	}
	r, msg := parseRecord(line)
	if msg != "" {
		return msg
	}
	ix.AddNew(r)
	return ""
}

func parseHex64[T string | []byte](b T) (uint64, bool) {
	if len(b) != 16 {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(b); i++ {
		d, ok := unhex(b[i])
		if !ok {
			return 0, false
		}
		v = v<<4 | uint64(d)
	}
	return v, true
}

func unhex(c byte) (byte, bool) {
	d := unhexTable[c]
	return d, d != 0xFF
}

// unhexTable maps a hex digit to its value, and any other byte to 0xFF: one
// load where a switch costs several branches, for the 160 digits of every
// record's keys.
var unhexTable = func() (t [256]byte) {
	for c := range t {
		switch {
		case c >= '0' && c <= '9':
			t[c] = byte(c - '0')
		case c >= 'a' && c <= 'f':
			t[c] = byte(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			t[c] = byte(c - 'A' + 10)
		default:
			t[c] = 0xFF
		}
	}
	return t
}()

func parseSignature[T string | []byte](b T) (sig signature, err error) {
	if len(b) != simHexLen {
		return sig, errBadSim
	}
	for i := range sig.mins {
		hi, ok1 := unhex(b[2*i])
		lo, ok2 := unhex(b[2*i+1])
		if !ok1 || !ok2 {
			return sig, errBadSim
		}
		sig.mins[i] = hi<<4 | lo
	}
	nums, ok := parseHex64(b[numHashes*2:])
	if !ok {
		return sig, errBadSim
	}
	sig.nums = nums
	return sig, nil
}

// validEscapes reports whether the backslash escapes of a JSON string's
// content are valid, as json.Unmarshal would judge them.
func validEscapes(b []byte) bool {
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		i++
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		case 'u':
			if i+5 > len(b) {
				return false
			}
			for _, c := range b[i+1 : i+5] {
				if _, ok := unhex(c); !ok {
					return false
				}
			}
			i += 4
		default:
			return false
		}
	}
	return true
}
