package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
)

// SaveID is the id a wizard's final write uses: derived from the wizard's
// stored state, so it is the same when the same answer is handled again.
// That happens when the database fails right after the write (the update
// is then released and redelivered): the store finds the id taken and
// returns what was saved instead of saving it twice. A new wizard, or a
// changed answer, gives another id.
func (c Conv) SaveID() string {
	h := sha256.New()
	h.Write([]byte(c.Key + "\x00" + c.Wizard + "\x00" + c.State + "\x00" + strconv.FormatInt(c.UpdatedAt.UnixNano(), 10)))
	keys := make([]string, 0, len(c.Data))
	for k := range c.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		h.Write([]byte("\x00" + k + "=" + c.Data[k]))
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}
