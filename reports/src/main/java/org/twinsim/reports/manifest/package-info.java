/** The run manifest ({@code manifest.json}): what was run, with which versions, and every part written. */
package org.twinsim.reports.manifest;
