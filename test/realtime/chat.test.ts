// The chat flows on the memory store (the reference adapter).
import { chatSuite } from "./chat-suite.js";

chatSuite("memory");
