/**
 * The scenario catalog (YAML files shipped as resources) and the loader that maps any scenario file
 * onto the validated {@link org.twinsim.engine.scenario.Scenario} records with one-line errors
 * naming the file, the line, the field path and what was expected. Start from
 * {@link org.twinsim.scenarios.ScenarioLoader}.
 */
package org.twinsim.scenarios;
