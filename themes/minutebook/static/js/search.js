/* Minute Book's search page: Pagefind's search API (pagefind/pagefind.js, served
   from this site) with the results and filters drawn in the site's own design.

   The page works without this script (it says how to browse). With it, the
   form appears, ?q= (sent by the search form in every page's header) is read
   and searched, and the query and the chosen filters are kept in the address,
   so a search can be bookmarked or shared. Text from the index is only ever
   set as text: an excerpt keeps Pagefind's <mark> highlights and nothing else.

   The index is in parts (pagefind/partitions.json lists them, newest first:
   see minutebook/site/partitions.py), and nothing of a part is loaded until a
   search needs it. First the words index (pagefind/words/, one record for each
   part, holding all its words) is asked which parts have each word of the
   query, with Pagefind's own stemming; the filters' choices, and which parts
   hold each, come with the list of parts. Only the parts that can hold a
   result are then merged in (Pagefind's mergeIndex), each tagged with a
   hidden filter, Partition, naming it, and the search is limited to them.
   Pagefind orders merged results by score, and under a date sort a score is
   a place within one part only: so a search in date order runs in each part
   on its own, and the parts (each a span of years) are put one after
   another. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var PAGE = 10;
  var FILTER_ORDER = ["Type", "Committee", "Scrutiny area", "Year"];
  var TYPE_ORDER = ["Agenda item", "Meeting", "Document", "Person"];
  var ORDERS = [["", "Best match"], ["newest", "Newest first"], ["oldest", "Oldest first"]];
  var PART = "Partition";  // the hidden filter naming each part of the index
  var HOLDS = "Part";  // the filter naming the part each record of the words index holds the words of

  function show(reason) {
    box.querySelector(".search__unavailable[data-reason='" + reason + "']").hidden = false;
  }
  if (location.protocol === "file:") { show("disk"); return; }

  var form = box.querySelector(".search-form");
  var input = form.querySelector("input[name='q']");
  var layout = box.querySelector(".search__layout");
  var filtersBox = box.querySelector("#search-filters");
  var status = box.querySelector("#search-status");
  var list = box.querySelector("#search-results");
  var more = box.querySelector(".search__more");
  var root = new URL(box.getAttribute("data-root"), location.href).pathname.replace(/index\.html$/, "");
  var bundle = new URL(box.getAttribute("data-bundle"), location.href).href;
  var pagefind, parts = [], manifest = {}, merged = {}, results = [], shown = 0, runs = 0, drawn = false;
  var asked = {}, order = "";
  var orderBox = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is text with <mark> around the words found; keep only that.
  function excerpt(html) {
    var p = el("p", "search-result__excerpt");
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    (function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === 3) to.appendChild(document.createTextNode(node.textContent));
        else if (node.nodeType === 1 && node.tagName === "MARK") copy(node, to.appendChild(el("mark")));
        else if (node.nodeType === 1) copy(node, to);
      });
    })(parsed, p);
    return p;
  }

  function first(values) { return values && values.length ? values[0] : ""; }

  function resultItem(data) {
    var li = el("li", "search-result");
    var heading = li.appendChild(el("h2", "search-result__title"));
    var link = heading.appendChild(el("a", "search-result__link", data.meta.title || data.url));
    link.href = data.url;
    var type = first(data.filters && data.filters.Type);
    var facts = el("ul", "search-result__meta");
    if (type) facts.appendChild(el("li", "search-result__type", type));
    if (type === "Person") {
      if (data.meta.role) facts.appendChild(el("li", "", data.meta.role));
    } else if (type === "Document" && data.meta.where) {  // a page of a PDF: its meeting and item
      facts.appendChild(el("li", "", data.meta.where));
    } else {
      if (data.meta.committee) facts.appendChild(el("li", "", data.meta.committee));
      if (data.meta.date) facts.appendChild(el("li", "", data.meta.date));
    }
    li.appendChild(facts);
    if (data.excerpt) li.appendChild(excerpt(data.excerpt));
    return li;
  }

  function chosen() {
    if (!drawn) return asked;  // the filters are drawn once the list of parts is in: until then, the address's
    var filters = {};
    filtersBox.querySelectorAll("input:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return filters;
  }

  function remember(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    if (order) params.set("order", order);
    Object.keys(filters).forEach(function (name) {
      filters[name].forEach(function (value) { params.append(name, value); });
    });
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE), run = runs;
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
      if (run !== runs) return;  // a later search has started
      all.forEach(function (data) { list.appendChild(resultItem(data)); });
    });
  }

  function run() {
    var query = input.value.trim();
    var filters = chosen();
    var filtering = Object.keys(filters).length > 0;
    remember(query, filters);
    var run = ++runs;
    list.textContent = "";
    status.textContent = "";
    more.hidden = true;
    if (!query && !filtering) return Promise.resolve();
    var any = {};
    Object.keys(filters).forEach(function (name) { any[name] = {any: filters[name]}; });
    return partsFor(query, filters).then(function (searched) {
      if (!searched.length) return {results: []};  // no part has all the words, or the values chosen
      return including(searched).then(function () {
        any[PART] = {any: searched};
        return order ? inDateOrder(query || null, any, order === "oldest" ? "asc" : "desc", searched)
          : pagefind.search(query || null, {filters: any});
      });
    }).then(function (search) {
      if (run !== runs) return;  // a later search has started
      results = search.results;
      shown = 0;
      var n = results.length;
      var words = (n === 0 ? "No results" : n + (n === 1 ? " result" : " results"));
      return showMore().then(function () {
        if (run !== runs) return;
        // said once the results are there, so a screen reader hears it as they appear
        status.textContent = words + (query ? " for " + query : "") + (filtering ? " with the filters chosen" : "");
      });
    });
  }

  // Each part searched on its own, sorted by date, the parts in date order
  // (the list is newest first; "other", of pages without a date, has none to sort).
  function inDateOrder(query, any, direction, searched) {
    var names = (direction === "asc" ? parts.slice().reverse() : parts).filter(function (name) {
      return !searched || searched.indexOf(name) >= 0;
    });
    return Promise.all(names.map(function (name) {
      var filters = {};
      Object.keys(any).forEach(function (key) { filters[key] = any[key]; });
      filters[PART] = name;
      return pagefind.search(query, {filters: filters, sort: {date: direction}});
    })).then(function (all) {
      return {results: all.reduce(function (found, search) { return found.concat(search.results); }, [])};
    });
  }

  // The parts that can hold a result: those holding a value chosen of each filter
  // (from partitions.json), and of those, the ones the words index finds every word
  // of the query in. Each word is looked up exactly ("word") first: a part without
  // it would otherwise answer with the longest word it has that the query word
  // starts with ("z" for "zanzibarian": Pagefind's way with a word it does not
  // know). A word no part has is looked up as Pagefind would (a word it begins, or
  // its guess), and one with no answer even so is left out, as Pagefind leaves it.
  function partsFor(query, filters) {
    var wanted = parts.slice();
    Object.keys(filters).forEach(function (name) {
      var values = (manifest.filters || {})[name];
      if (!values) return;
      var holding = {};
      filters[name].forEach(function (value) {
        (values[value] || []).forEach(function (n) { holding[parts[n]] = true; });
      });
      wanted = wanted.filter(function (part) { return holding[part]; });
    });
    var words = (query || "").replace(/"/g, " ").split(/\s+/).filter(Boolean);
    if (!words.length || !wanted.length) return Promise.resolve(wanted);
    return Promise.all(words.map(function (word) {
      return partsWith('"' + word + '"').then(function (found) {
        return found.length ? found : partsWith(word);
      });
    })).then(function (all) {
      var known = all.filter(function (found) { return found.length; });
      if (!known.length) return [];  // no part has a word of the query, nor one it begins
      known.forEach(function (found) {
        wanted = wanted.filter(function (name) { return found.indexOf(name) >= 0; });
      });
      return wanted;
    });
  }

  // The parts the words index finds a search term in.
  function partsWith(term) {
    var only = {};
    only[HOLDS] = {any: parts};  // asked for, so the counts of it come back
    only[PART] = manifest.words;
    return pagefind.search(term, {filters: only}).then(function (search) {
      var counts = (search.filters || {})[HOLDS] || {};
      return parts.filter(function (name) { return counts[name] > 0; });
    });
  }

  // Merge in the parts not merged yet (each once; a part stays merged).
  function including(names) {
    return Promise.all(names.map(function (name) {
      if (!merged[name]) {
        var tag = {};
        tag[PART] = name;
        merged[name] = pagefind.mergeIndex(new URL(name + "/", bundle).pathname,
                                           {baseUrl: root, excerptLength: 30, mergeFilter: tag});
      }
      return merged[name];
    }));
  }

  function drawOrder() {
    var row = el("div", "search__order");
    var label = row.appendChild(el("label", "search__order-label", "Order the results"));
    label.htmlFor = "search-order";
    orderBox = row.appendChild(el("select", "select search__order-select"));
    orderBox.id = "search-order";
    ORDERS.forEach(function (choice) {
      var option = orderBox.appendChild(el("option", "", choice[1]));
      option.value = choice[0];
      option.selected = choice[0] === order;
    });
    orderBox.addEventListener("change", function () { order = orderBox.value; run(); });
    status.parentNode.insertBefore(row, status);
  }

  function sortValues(name, values) {
    if (name === "Type") return TYPE_ORDER.filter(function (v) { return values.indexOf(v) >= 0; });
    if (name === "Year") return values.slice().sort().reverse();
    return values.slice().sort(function (a, b) { return a.localeCompare(b, "en-GB"); });
  }

  function drawFilters(all, selected) {
    var names = FILTER_ORDER.filter(function (n) { return all[n] && Object.keys(all[n]).length; });
    if (!names.length) return;
    filtersBox.appendChild(el("h2", "search__filters-heading", "Filter the results"));
    names.forEach(function (name, index) {
      var details = filtersBox.appendChild(el("details", "search-filter"));
      var values = sortValues(name, Object.keys(all[name]));
      var ticked = selected[name] || [];
      details.open = name === "Type" || ticked.length > 0;
      details.appendChild(el("summary", "search-filter__summary", name));
      var fieldset = details.appendChild(el("fieldset", "fieldset"));
      fieldset.appendChild(el("legend", "visually-hidden", name));
      var boxes = fieldset.appendChild(el("div", "checkboxes checkboxes--small"));
      values.forEach(function (value, n) {
        var item = boxes.appendChild(el("div", "checkboxes__item"));
        var check = item.appendChild(el("input", "checkboxes__input"));
        check.type = "checkbox";
        check.id = "filter-" + index + "-" + n;
        check.name = name;
        check.value = value;
        check.checked = ticked.indexOf(value) >= 0;
        var label = item.appendChild(el("label", "checkboxes__label", value));
        label.htmlFor = check.id;
      });
    });
    filtersBox.addEventListener("change", run);
  }

  // Pagefind is loaded when it is first needed (a query in the address, or the reader
  // turning to the search box), so a page merely passed through asks for nothing more.
  var loading = null;
  function ready() {
    if (!loading) {
      loading = fetch(new URL("partitions.json", bundle).href).then(function (response) {
        if (!response.ok) throw new Error("no search index");
        return response.json();
      }).then(function (list) {
        manifest = list;
        parts = list.partitions;
        return import(new URL(list.words + "/pagefind.js", bundle).href);
      }).then(function (module) {
        pagefind = module;
        var tag = {};
        tag[PART] = manifest.words;
        return pagefind.options({baseUrl: root, excerptLength: 30, mergeFilter: tag});
      }).then(function () {
        drawFilters(manifest.filters || {}, asked);
        drawn = true;
        drawOrder();
        layout.hidden = false;
      }, function (error) {
        if (!pagefind) { form.hidden = true; show("no-index"); }
        throw error;
      });
    }
    return loading;
  }
  function ignore() {}

  var params = new URLSearchParams(location.search);
  FILTER_ORDER.forEach(function (name) {
    var values = params.getAll(name);
    if (values.length) asked[name] = values;
  });
  input.value = params.get("q") || "";
  order = ORDERS.some(function (choice) { return choice[0] && choice[0] === params.get("order"); })
    ? params.get("order") : "";
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ready().then(run, ignore);
  });
  input.addEventListener("focus", function () { ready().catch(ignore); });
  more.addEventListener("click", function () {
    var next = shown;
    showMore().then(function () {
      var link = list.children[next] && list.children[next].querySelector("a");
      if (link) link.focus();
    });
  });
  box.setAttribute("data-ready", "");
  if (input.value || Object.keys(asked).length || order) ready().then(run, ignore);
})();
