// The parts past Chat (Help, Feedback, Verify), fetched together when the visitor first opens one of them. One lazy
// module rather than three: the code they share with the chat is then one chunk (loaded with the chat) instead of a
// chunk per combination, which cost a request, and its headers, each when the chat opens.
export { HelpPanel } from "./HelpPanel.js";
export { FeedbackForm } from "../../selfservice/components/FeedbackForm.js";
export { VerifyForm } from "../../selfservice/components/VerifyForm.js";
