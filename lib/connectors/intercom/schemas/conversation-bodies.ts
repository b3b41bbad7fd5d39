import { z } from "zod";

const attachmentUrls = z.array(z.string()).max(10);
const attachmentFiles = z.array(z.object({ content_type: z.string(), data: z.string(), name: z.string() })).max(10);
const replyOptions = z.array(z.object({ text: z.string(), uuid: z.string() }));

/** A conversation started by a contact (user or lead), identified by Intercom's contact id. */
export const createConversationBody = z.strictObject({
  from: z.object({ type: z.enum(["lead", "user", "contact"]), id: z.string().min(1) }),
  body: z.string().min(1),
  subject: z.string().optional(),
  attachment_urls: attachmentUrls.optional(),
  created_at: z.number().int().optional(),
  brand_id: z.string().optional(),
});

const userReply = z
  .strictObject({
    message_type: z.enum(["comment", "quick_reply"]),
    type: z.literal("user"),
    body: z.string().optional(),
    intercom_user_id: z.string().optional(),
    user_id: z.string().optional(),
    email: z.string().optional(),
    created_at: z.number().int().optional(),
    attachment_urls: attachmentUrls.optional(),
    attachment_files: attachmentFiles.optional(),
    reply_options: replyOptions.optional(),
  })
  .refine((reply) => Boolean(reply.intercom_user_id ?? reply.user_id ?? reply.email), {
    message: "A user reply names the contact with intercom_user_id, user_id or email",
  });

const adminReply = z.strictObject({
  message_type: z.enum(["comment", "note", "quick_reply"]),
  type: z.literal("admin"),
  admin_id: z.string().min(1),
  body: z.string().optional(),
  created_at: z.number().int().optional(),
  attachment_urls: attachmentUrls.optional(),
  attachment_files: attachmentFiles.optional(),
  reply_options: replyOptions.optional(),
  skip_notifications: z.boolean().optional(),
});

export const replyConversationBody = z.union([adminReply, userReply]);

const recipient = z.object({ type: z.enum(["user", "lead"]), id: z.string().min(1) });
const recipients = z.union([recipient, z.array(recipient)]);

/** An outbound message from an admin (`from.id` is the admin's numeric id). */
export const createMessageBody = z.strictObject({
  message_type: z.enum(["in_app", "email", "sms", "whatsapp"]),
  subject: z.string().optional(),
  body: z.string().optional(),
  template: z.string().optional(),
  from: z.object({ type: z.literal("admin"), id: z.number().int() }),
  to: recipients,
  cc: recipients.optional(),
  bcc: recipients.optional(),
  created_at: z.number().int().optional(),
  create_conversation_without_contact_reply: z.boolean().optional(),
});
