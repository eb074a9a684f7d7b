// The same chat flows on lowdb, the embedded default store (journal, chunk files, lazy read markers), as `npm start` runs.
import { chatSuite } from "./chat-suite.js";

chatSuite("lowdb");
