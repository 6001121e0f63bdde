package bot

import "strconv"

// Several photos sent in one go arrive as one update each. Answering each
// with its own "📎 N file diterima" would fill the chat; instead the first
// file of a Quiet question gets the acknowledgement (the question asked
// again, with the count and the "done" button), and the files after it
// edit that message. Its id is kept in the conversation, so the next file
// finds it whichever instance handles it.

// quietAck is the conversation key of the acknowledgement's message id.
const quietAck = "quiet_ack"

// acknowledgeFiles saves the conversation with files just taken and
// acknowledges them: by editing the earlier acknowledgement when the
// person stayed on the question, by a new message otherwise.
func (b *Bot) acknowledgeFiles(r *Request, c *Conv, stayed bool) error {
	text, buttons, err := b.question(r, *c)
	if err != nil {
		return err
	}
	if id := c.Int(quietAck); stayed && id > 0 {
		if err := b.conversations.SaveConversation(r.Ctx, c.Conversation); err != nil {
			return err
		}
		if err := b.Client.Edit(r.Ctx, r.ChatID, id, text, buttons); err == nil {
			return nil
		}
		// Too old or deleted: a new acknowledgement takes its place.
	}
	id, err := r.Reply(text, buttons)
	if err != nil {
		return err
	}
	c.Set(quietAck, strconv.Itoa(id))
	return b.conversations.SaveConversation(r.Ctx, c.Conversation)
}
