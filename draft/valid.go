package draft

import (
	"encoding/binary"
	"math/bits"
)

// maxDepth is how deeply arrays and objects may nest, as in encoding/json,
// whose decoder refuses more.
const maxDepth = 10000

// validJSON reports whether b is exactly one JSON value with optional
// white space around it: json.Valid, several times faster. Every draft
// line is validated before it is read, and json.Valid's scanner, a call
// per byte, cost a third of reading the corpus. Like json.Valid it does not
// judge UTF-8 (checkBytes does), and it refuses nesting beyond maxDepth.
//
// It keeps the open arrays and objects on a stack of bytes instead of
// recursing, so depth costs no goroutine stack.
func validJSON(b []byte) bool {
	var stack []byte // '{' or '[' for each open container
	i := skipSpace(b, 0)
	for {
		// A value starts at b[i].
		if i >= len(b) {
			return false
		}
		switch c := b[i]; {
		case c == '{' || c == '[':
			if len(stack) == maxDepth {
				return false
			}
			stack = append(stack, c)
			i = skipSpace(b, i+1)
			if i < len(b) && b[i] == c+2 { // '}' is '{'+2, ']' is '['+2
				stack = stack[:len(stack)-1]
				i++
				break
			}
			if c == '{' {
				var ok bool
				if i, ok = validKey(b, i); !ok {
					return false
				}
			}
			continue
		case c == '"':
			var ok bool
			if i, ok = validString(b, i); !ok {
				return false
			}
		case c == '-' || c >= '0' && c <= '9':
			var ok bool
			if i, ok = validNumber(b, i); !ok {
				return false
			}
		case c == 't':
			if !hasWord(b, i, "true") {
				return false
			}
			i += len("true")
		case c == 'f':
			if !hasWord(b, i, "false") {
				return false
			}
			i += len("false")
		case c == 'n':
			if !hasWord(b, i, "null") {
				return false
			}
			i += len("null")
		default:
			return false
		}
		// A value ended at b[i]: close what it ends, then find the next.
		for {
			i = skipSpace(b, i)
			if len(stack) == 0 {
				return i == len(b)
			}
			if i >= len(b) {
				return false
			}
			open := stack[len(stack)-1]
			if b[i] == open+2 {
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			if b[i] != ',' {
				return false
			}
			i = skipSpace(b, i+1)
			if open == '{' {
				var ok bool
				if i, ok = validKey(b, i); !ok {
					return false
				}
			}
			break
		}
	}
}

// validKey checks an object's key and its colon at b[i], and returns where
// the value after them starts.
func validKey(b []byte, i int) (int, bool) {
	if i >= len(b) || b[i] != '"' {
		return i, false
	}
	i, ok := validString(b, i)
	if !ok {
		return i, false
	}
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != ':' {
		return i, false
	}
	return skipSpace(b, i+1), true
}

// validString checks the string whose quote is at b[i] and returns its
// end. Bytes from 0x20 up stand for themselves, except the quote and the
// backslash, which begins one of JSON's escapes.
func validString(b []byte, i int) (int, bool) {
	for i++; i < len(b); i++ {
		i = skipPlain(b, i)
		for i < len(b) && plainByte[b[i]] {
			i++
		}
		if i == len(b) {
			break
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			i++
			if i >= len(b) {
				return i, false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) {
					return i, false
				}
				for _, h := range b[i+1 : i+5] {
					if !isHex(h) {
						return i, false
					}
				}
				i += 4
			default:
				return i, false
			}
		}
	}
	return i, false
}

// skipPlain returns the offset of the first byte at or after i that does
// not stand for itself in a string ('"', '\\' or a control character),
// taking eight bytes at a time; near the end of b it may stop short, at a
// plain byte.
func skipPlain(b []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		q, bs := x^(ones*'"'), x^(ones*'\\')
		// A byte below n sets its high bit in x-n*ones and not in x (the
		// classic has-less test); a byte equal to c is a zero byte of
		// x^c*ones. A borrow only carries to higher bytes, so the lowest
		// byte flagged is a true one.
		special := ((x-ones*0x20)&^x | (q-ones)&^q | (bs-ones)&^bs) & highs
		if special != 0 {
			return i + bits.TrailingZeros64(special)/8
		}
		i += 8
	}
	return i
}

// plainByte holds the bytes that stand for themselves in a string.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// validNumber checks the number at b[i]: an optional minus, an integer
// without leading zeros, then optional fraction and exponent.
func validNumber(b []byte, i int) (int, bool) {
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(b, i)
	default:
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		if j := digits(b, i+1); j > i+1 {
			i = j
		} else {
			return i, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if j := digits(b, i); j > i {
			i = j
		} else {
			return i, false
		}
	}
	return i, true
}

// digits returns the end of the run of decimal digits at b[i].
func digits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// hasWord reports whether b holds word at i.
func hasWord(b []byte, i int, word string) bool {
	return len(b)-i >= len(word) && string(b[i:i+len(word)]) == word
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
