/** Parameter validation shared by the parameter records of every package. */
package org.twinsim.model.param;
