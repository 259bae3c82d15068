// The engine in a module worker, for createWorkerEngine (index.js).
import { serve } from "./serve.js";

serve();
