/**
 * The discrete-event core on SSJ: {@link org.twinsim.engine.des.ServerPool} (servers with a FIFO
 * queue and their statistics) and {@link org.twinsim.engine.des.CallbackEvent}. The clinic model
 * and the queueing validation (Erlang C) use exactly these classes.
 */
package org.twinsim.engine.des;
