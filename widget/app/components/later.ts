// What the chat does not need until later, fetched (one module) the first time any of it is drawn: the parts past
// Chat (Help, Feedback, Verify) and the end of a chat (rating). One lazy module rather than one each: the code they
// share with the chat is then one chunk (loaded with the chat) instead of a chunk per combination, each a request
// (and its headers) when the chat opens.
export { HelpPanel } from "./HelpPanel.js";
export { EndedView } from "./EndedView.js";
export { FeedbackForm } from "../../selfservice/components/FeedbackForm.js";
export { VerifyForm } from "../../selfservice/components/VerifyForm.js";
// Files in chat (the paperclip, thumbnails and links) ride in the same module: a chunk of their own would split the
// shared code into one more request on opening the chat.
export { AttachButton } from "../files/AttachButton.js";
export { Attachments } from "../files/Attachments.js";
